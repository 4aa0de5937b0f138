import type { CommandRecord, InvocationRecord, NodeRecord } from "../../core/model.ts";
import { OUTPUT_LIMITS } from "../../protocol/output-limits.ts";
import type {
  Command,
  CommandInvocation,
  CommandPlugin,
  InstanceInformation,
  NotificationConfig,
} from "../../protocol/ssm/types.ts";
import type { OutputUrls } from "./output-urls.ts";
import { compact, epochSeconds } from "./wire.ts";

/**
 * The stored notification settings as the model's `NotificationConfig`. SendCommand validated
 * them against the model; an unset one is `""` / `[]`, which is what AWS answers too.
 */
function notificationConfig(n: CommandRecord["notificationConfig"]): NotificationConfig {
  // `NotificationType: ""` (unset) is outside the model's enum, but it is what AWS sends.
  return n as NotificationConfig;
}

/** A command as the model's `Command` shape. */
export function commandView(c: CommandRecord): Command {
  return {
    CommandId: c.commandId,
    DocumentName: c.documentName,
    DocumentVersion: c.documentVersion,
    Comment: c.comment,
    ExpiresAfter: epochSeconds(c.expiresAt),
    Parameters: c.parameters,
    InstanceIds: c.instanceIds,
    Targets: c.targets,
    RequestedDateTime: epochSeconds(c.requestedAt),
    Status: c.status,
    StatusDetails: c.statusDetails,
    OutputS3Region: "",
    OutputS3BucketName: c.outputS3BucketName,
    OutputS3KeyPrefix: c.outputS3KeyPrefix,
    MaxConcurrency: c.maxConcurrency,
    MaxErrors: c.maxErrors,
    TargetCount: c.targetCount,
    CompletedCount: c.completedCount,
    ErrorCount: c.errorCount,
    DeliveryTimedOutCount: c.deliveryTimedOutCount,
    ServiceRole: c.serviceRole,
    NotificationConfig: notificationConfig(c.notificationConfig),
    CloudWatchOutputConfig: c.cloudWatchOutputConfig,
    TimeoutSeconds: c.timeoutSeconds,
  };
}

/**
 * An invocation as the model's `CommandInvocation` shape; `details` adds CommandPlugins. `urls`
 * gives each step's StandardOutputUrl/StandardErrorUrl (the invocation's are its first step's).
 */
export function invocationView(
  inv: InvocationRecord,
  command: CommandRecord | undefined,
  details: boolean,
  urls: OutputUrls = () => ({ stdout: "", stderr: "" }),
): CommandInvocation {
  const first = urls(inv.instanceId, inv.plugins[0]);
  const trace = inv.plugins
    .map((p) => p.output)
    .join("\n")
    .slice(0, OUTPUT_LIMITS.details);
  return compact({
    CommandId: inv.commandId,
    InstanceId: inv.instanceId,
    InstanceName: inv.instanceName,
    Comment: command?.comment ?? "",
    DocumentName: command?.documentName ?? "",
    DocumentVersion: command?.documentVersion ?? "",
    RequestedDateTime: epochSeconds(inv.requestedAt),
    Status: inv.status,
    StatusDetails: inv.statusDetails,
    TraceOutput: trace,
    StandardOutputUrl: first.stdout,
    StandardErrorUrl: first.stderr,
    CommandPlugins: details
      ? inv.plugins.map((p) =>
          compact<CommandPlugin>({
            Name: p.name,
            Status: p.status,
            StatusDetails: p.status,
            ResponseCode: p.responseCode,
            ResponseStartDateTime: p.startedAt === undefined ? undefined : epochSeconds(p.startedAt),
            ResponseFinishDateTime: p.endedAt === undefined ? undefined : epochSeconds(p.endedAt),
            Output: p.output,
            StandardOutputUrl: urls(inv.instanceId, p).stdout,
            StandardErrorUrl: urls(inv.instanceId, p).stderr,
            OutputS3Region: "",
            OutputS3BucketName: command?.outputS3BucketName ?? "",
            OutputS3KeyPrefix: command?.outputS3KeyPrefix ?? "",
          }),
        )
      : [],
    ServiceRole: command?.serviceRole ?? "",
    NotificationConfig: command && notificationConfig(command.notificationConfig),
    CloudWatchOutputConfig: command?.cloudWatchOutputConfig,
  });
}

/** PingStatus from the last heartbeat: Online while connected and heard from recently. */
export function pingStatus(node: NodeRecord, now: number, onlineWindowMs: number): "Online" | "ConnectionLost" {
  return node.connected && node.lastPingAt !== undefined && node.lastPingAt >= now - onlineWindowMs
    ? "Online"
    : "ConnectionLost";
}

/** A node as the model's `InstanceInformation` shape. */
export function nodeView(node: NodeRecord, now: number, onlineWindowMs: number): InstanceInformation {
  return compact({
    InstanceId: node.instanceId,
    PingStatus: pingStatus(node, now, onlineWindowMs),
    LastPingDateTime: node.lastPingAt === undefined ? undefined : epochSeconds(node.lastPingAt),
    AgentVersion: node.agentVersion,
    IsLatestVersion: true,
    PlatformType: node.platformType,
    PlatformName: node.platformName,
    PlatformVersion: node.platformVersion,
    ActivationId: node.activationId,
    IamRole: node.iamRole,
    RegistrationDate: epochSeconds(node.registeredAt),
    ResourceType: "ManagedInstance",
    Name: node.name,
    IPAddress: node.ipAddress,
    ComputerName: node.computerName,
    SourceId: node.instanceId,
    SourceType: "AWS::SSM::ManagedInstance",
  });
}
