import { explicitInstanceIds } from "../events/status-events.ts";
import type { CommandRecord, CommandStatus, InvocationStatus } from "../model.ts";

/** The SNS message of a command status change (semantics §7.3), field for field. */
export interface CommandNotification {
  commandId: string;
  documentName: string;
  /** The nodes named by id; empty when the command targeted tags. */
  instanceIds: string[];
  requestedDateTime: string;
  expiresAfter: string;
  outputS3BucketName: string;
  outputS3KeyPrefix: string;
  status: CommandStatus;
  eventTime: string;
}

/** The SNS message of an invocation status change (semantics §7.3), field for field. */
export interface InvocationNotification {
  commandId: string;
  documentName: string;
  instanceId: string;
  requestedDateTime: string;
  status: InvocationStatus;
  eventTime: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The message for `command`'s current status, sent at `eventTime` (epoch ms). */
export function commandNotification(command: CommandRecord, eventTime: number): CommandNotification {
  return {
    commandId: command.commandId,
    documentName: command.documentName,
    instanceIds: explicitInstanceIds(command),
    requestedDateTime: iso(command.requestedAt),
    expiresAfter: iso(command.expiresAt),
    outputS3BucketName: command.outputS3BucketName,
    outputS3KeyPrefix: command.outputS3KeyPrefix,
    status: command.status,
    eventTime: iso(eventTime),
  };
}

/** The message for one node's new status, sent at `eventTime` (epoch ms). */
export function invocationNotification(
  command: CommandRecord,
  instanceId: string,
  status: InvocationStatus,
  eventTime: number,
): InvocationNotification {
  return {
    commandId: command.commandId,
    documentName: command.documentName,
    instanceId,
    requestedDateTime: iso(command.requestedAt),
    status,
    eventTime: iso(eventTime),
  };
}
