/**
 * CloudWatch Logs names of Run Command output (semantics §7.2): the group is
 * `CloudWatchLogGroupName` or `/aws/ssm/<DocumentName>` with characters outside
 * `[a-zA-Z0-9_\-/.#]` replaced by `.`; one stream per step stream,
 * `<CommandId>/<InstanceId>/<step id with ':' and '*' → '-'>/stdout|stderr`.
 */

/** The log group a command's output goes to. */
export function logGroupName(config: { CloudWatchLogGroupName: string }, documentName: string): string {
  if (config.CloudWatchLogGroupName !== "") return config.CloudWatchLogGroupName;
  return `/aws/ssm/${documentName}`.replace(/[^a-zA-Z0-9_\-/.#]/g, ".");
}

/** The log stream of one step stream of one node. */
export function logStreamName(
  commandId: string,
  instanceId: string,
  step: string,
  stream: "stdout" | "stderr",
): string {
  return `${commandId}/${instanceId}/${step.replace(/[:*]/g, "-")}/${stream}`;
}
