import type { NotificationEvent, NotificationType, SendCommandCommandInput } from "@aws-sdk/client-ssm";
import { SsmError } from "../protocol/errors.ts";
import { textArgument } from "./client-options.ts";
import { parseParameters } from "./shorthand/parameters.ts";
import { objectOf, parseStructured, rejectUnknownKeys, stringList } from "./shorthand/structured-argument.ts";
import { parseKeyValues } from "./shorthand/targets.ts";

/** `fleetrun send-command` flags, named as in `aws ssm send-command`. */
export interface SendCommandFlags {
  documentName: string;
  documentVersion?: string;
  documentHash?: string;
  documentHashType?: string;
  instanceIds?: string[];
  targets?: string[];
  parameters?: string[];
  comment?: string;
  timeoutSeconds?: string;
  maxConcurrency?: string;
  maxErrors?: string;
  serviceRoleArn?: string;
  outputS3Region?: string;
  outputS3BucketName?: string;
  outputS3KeyPrefix?: string;
  notificationConfig?: string;
  cloudWatchOutputConfig?: string;
}

/** The SendCommand request the flags describe; a bad flag is a ValidationException naming it. */
export async function sendCommandInput(flags: SendCommandFlags): Promise<SendCommandCommandInput> {
  const read = (values: string[] | undefined) => Promise.all((values ?? []).map(textArgument));
  const input: SendCommandCommandInput = { DocumentName: flags.documentName };
  if (flags.documentVersion !== undefined) input.DocumentVersion = flags.documentVersion;
  if (flags.documentHash !== undefined) input.DocumentHash = flags.documentHash;
  if (flags.documentHashType !== undefined) input.DocumentHashType = hashType(flags.documentHashType);
  if (flags.instanceIds?.length) input.InstanceIds = flags.instanceIds.flatMap((id) => id.split(",")).filter(Boolean);
  if (flags.targets?.length) input.Targets = parseKeyValues(await read(flags.targets), "--targets");
  if (flags.parameters?.length) input.Parameters = parseParameters(await read(flags.parameters));
  if (flags.comment !== undefined) input.Comment = flags.comment;
  if (flags.timeoutSeconds !== undefined) input.TimeoutSeconds = integer(flags.timeoutSeconds, "--timeout-seconds");
  if (flags.maxConcurrency !== undefined) input.MaxConcurrency = flags.maxConcurrency;
  if (flags.maxErrors !== undefined) input.MaxErrors = flags.maxErrors;
  if (flags.serviceRoleArn !== undefined) input.ServiceRoleArn = flags.serviceRoleArn;
  if (flags.outputS3Region !== undefined) input.OutputS3Region = flags.outputS3Region;
  if (flags.outputS3BucketName !== undefined) input.OutputS3BucketName = flags.outputS3BucketName;
  if (flags.outputS3KeyPrefix !== undefined) input.OutputS3KeyPrefix = flags.outputS3KeyPrefix;
  if (flags.notificationConfig !== undefined)
    input.NotificationConfig = notificationConfig(await textArgument(flags.notificationConfig));
  if (flags.cloudWatchOutputConfig !== undefined)
    input.CloudWatchOutputConfig = cloudWatchOutputConfig(await textArgument(flags.cloudWatchOutputConfig));
  if (!input.InstanceIds && !input.Targets)
    throw new SsmError(
      "ValidationException",
      "give --instance-ids or --targets (e.g. --targets Key=tag:Role,Values=web)",
    );
  return input;
}

function integer(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim()))
    throw new SsmError("ValidationException", `${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

function hashType(text: string): "Sha256" | "Sha1" {
  if (text === "Sha256" || text === "Sha1") return text;
  throw new SsmError("ValidationException", `--document-hash-type must be Sha256 or Sha1, got "${text}"`);
}

function notificationConfig(text: string): SendCommandCommandInput["NotificationConfig"] {
  const flag = "--notification-config";
  const hint = "NotificationArn=https://hooks.example/x,NotificationEvents=Success,Failed,NotificationType=Command";
  const object = objectOf(parseStructured(text, flag, hint), flag);
  rejectUnknownKeys(object, ["NotificationArn", "NotificationEvents", "NotificationType"], flag);
  const out: NonNullable<SendCommandCommandInput["NotificationConfig"]> = {};
  if (typeof object.NotificationArn === "string") out.NotificationArn = object.NotificationArn;
  if (object.NotificationEvents !== undefined)
    out.NotificationEvents = stringList(object.NotificationEvents, `${flag} NotificationEvents`) as NotificationEvent[];
  if (typeof object.NotificationType === "string") out.NotificationType = object.NotificationType as NotificationType;
  return out;
}

function cloudWatchOutputConfig(text: string): SendCommandCommandInput["CloudWatchOutputConfig"] {
  const flag = "--cloud-watch-output-config";
  const hint = "CloudWatchOutputEnabled=true,CloudWatchLogGroupName=my-group";
  const object = objectOf(parseStructured(text, flag, hint), flag);
  rejectUnknownKeys(object, ["CloudWatchLogGroupName", "CloudWatchOutputEnabled"], flag);
  const out: NonNullable<SendCommandCommandInput["CloudWatchOutputConfig"]> = {};
  if (typeof object.CloudWatchLogGroupName === "string") out.CloudWatchLogGroupName = object.CloudWatchLogGroupName;
  const enabled: unknown = object.CloudWatchOutputEnabled;
  if (enabled !== undefined) {
    const text = String(enabled).toLowerCase();
    if (text !== "true" && text !== "false")
      throw new SsmError("ValidationException", `${flag}: CloudWatchOutputEnabled must be true or false`);
    out.CloudWatchOutputEnabled = text === "true";
  }
  return out;
}
