import type { CommandRecord, InvocationStatus, NodeRecord } from "../model.ts";
import { ec2InstanceArn } from "../policies/arns.ts";
import type { FleetEvent } from "./fleet-event.ts";
import type { NodeChange } from "./status-change.ts";

/** `detail-type` of a command's status change (semantics §7.4). */
export const COMMAND_STATUS_CHANGE = "EC2 Command Status-change Notification";
/** `detail-type` of an invocation's status change (semantics §7.4). */
export const INVOCATION_STATUS_CHANGE = "EC2 Command Invocation Status-change Notification";
/** `source` of status-change events, as in AWS. */
export const SSM_SOURCE = "aws.ssm";
/** `source` of fleetrun's own node events. */
export const FLEETRUN_SOURCE = "fleetrun";

/** `detail-type` of each node event. */
export const NODE_EVENT_TYPES: Readonly<Record<NodeChange, string>> = {
  Registered: "Managed Node Registered",
  Connected: "Managed Node Connected",
  ConnectionLost: "Managed Node Connection Lost",
  Deregistered: "Managed Node Deregistered",
};

/** What every event carries besides its type and detail. */
export interface EventEnvelope {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  region: string;
  account: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The node ids a command names explicitly (InstanceIds, or a Targets entry keyed InstanceIds). */
export function explicitInstanceIds(command: CommandRecord): string[] {
  if (command.instanceIds.length > 0) return command.instanceIds;
  return command.targets.filter((t) => t.Key === "InstanceIds").flatMap((t) => t.Values);
}

function envelope(
  env: EventEnvelope,
  source: string,
  detailType: string,
  instanceIds: readonly string[],
  detail: Record<string, unknown>,
): FleetEvent {
  return {
    version: "0",
    id: env.id,
    "detail-type": detailType,
    source,
    account: env.account,
    time: iso(env.time),
    region: env.region,
    resources: instanceIds.map((id) => ec2InstanceArn(env.region, env.account, id)),
    detail,
  };
}

/** "EC2 Command Status-change Notification" for the command's current status. */
export function commandStatusEvent(command: CommandRecord, env: EventEnvelope): FleetEvent {
  return envelope(env, SSM_SOURCE, COMMAND_STATUS_CHANGE, explicitInstanceIds(command), {
    "command-id": command.commandId,
    "document-name": command.documentName,
    "expire-after": iso(command.expiresAt),
    parameters: command.parameters,
    "requested-date-time": iso(command.requestedAt),
    status: command.status,
  });
}

/** "EC2 Command Invocation Status-change Notification" for one node's new status. */
export function invocationStatusEvent(
  command: CommandRecord,
  instanceId: string,
  status: InvocationStatus,
  env: EventEnvelope,
): FleetEvent {
  return envelope(env, SSM_SOURCE, INVOCATION_STATUS_CHANGE, [instanceId], {
    "command-id": command.commandId,
    "document-name": command.documentName,
    "instance-id": instanceId,
    "requested-date-time": iso(command.requestedAt),
    status,
  });
}

/**
 * A node event (`source: fleetrun`). `node` adds what is known of the node (absent once it was
 * deregistered), `tags` its tags as an object, so patterns can select nodes by tag.
 */
export function nodeEvent(
  change: NodeChange,
  instanceId: string,
  node: NodeRecord | undefined,
  tags: ReadonlyArray<{ Key: string; Value: string }>,
  env: EventEnvelope,
): FleetEvent {
  const detail: Record<string, unknown> = { "instance-id": instanceId };
  if (node) {
    Object.assign(detail, {
      "activation-id": node.activationId,
      "computer-name": node.computerName,
      "ip-address": node.ipAddress,
      "platform-type": node.platformType,
      "platform-name": node.platformName,
      "platform-version": node.platformVersion,
      "agent-version": node.agentVersion,
      "registered-date-time": iso(node.registeredAt),
      tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])),
    });
  }
  return envelope(env, FLEETRUN_SOURCE, NODE_EVENT_TYPES[change], [instanceId], detail);
}
