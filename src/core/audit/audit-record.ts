/**
 * One audit record, with CloudTrail's event fields (record version 1.08). API calls are
 * `AwsApiCall` events; what agents do on their own (register, connect, disconnect, refused
 * handshakes, results) are `AwsServiceEvent`s with event source `ssm.amazonaws.com` and one of
 * {@link AGENT_EVENT_NAMES}.
 */

/** CloudTrail's record format version. */
export const EVENT_VERSION = "1.08";

/** A JSON value as it is stored in the trail. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An IAM user's access key signed the request. */
export interface IamUserIdentity {
  type: "IAMUser";
  principalId: string;
  /** `arn:aws:iam::<account>:user/<name>` */
  arn: string;
  accountId: string;
  accessKeyId: string;
  userName: string;
}

/** A managed node acting with its node key (after the handshake, or at registration). */
export interface ManagedInstanceIdentity {
  type: "ManagedInstance";
  /** The node's `mi-` id. */
  principalId: string;
  accountId: string;
}

/** Nobody proven: a failed signature, an unknown key, a refused handshake. */
export interface UnknownIdentity {
  type: "Unknown";
  /** The access key id the request claimed, when it named one. */
  accessKeyId?: string;
}

/** Who acted. */
export type UserIdentity = IamUserIdentity | ManagedInstanceIdentity | UnknownIdentity;

/** CloudTrail's event types fleetrun writes. */
export type AuditEventType = "AwsApiCall" | "AwsServiceEvent";

/** A CloudTrail record. Optional members are absent (never undefined) when they do not apply. */
export interface AuditRecord {
  eventVersion: string;
  userIdentity: UserIdentity;
  /** ISO 8601, whole seconds, UTC (`2026-01-02T03:04:05Z`), as CloudTrail writes it. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  /** Secrets already replaced by `HIDDEN_DUE_TO_SECURITY_REASONS`; null when there were none or they could not be read. */
  requestParameters: JsonValue;
  /** null for failed and read-only calls (as CloudTrail does), and where nothing is returned. */
  responseElements: JsonValue;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  eventType: AuditEventType;
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: "Management";
}

/**
 * Agent events (event source `ssm.amazonaws.com`, type `AwsServiceEvent`):
 * - `RegisterManagedInstance`: POST /agent/v1/register, allowed or refused (activation code hidden).
 * - `AgentConnected`: the node proved its key in the WebSocket handshake.
 * - `AgentDisconnected`: its session ended.
 * - `AgentHandshakeRefused`: a handshake failed (unknown node, bad signature, no hello first);
 *   `requestParameters.instanceId` is the id the peer claimed.
 * - `SendCommandResult`: the node reported an invocation's result (status and response code, no
 *   output); a result for an invocation the node does not have carries `errorCode`.
 */
export const AGENT_EVENT_NAMES = {
  register: "RegisterManagedInstance",
  connected: "AgentConnected",
  disconnected: "AgentDisconnected",
  handshakeRefused: "AgentHandshakeRefused",
  result: "SendCommandResult",
  keyRotated: "RotateManagedInstanceKey",
} as const;

/** Whether an API operation only reads (CloudTrail's `readOnly`): Get*, List*, Describe*, Lookup*. */
export function isReadOnlyEvent(eventName: string): boolean {
  return /^(Get|List|Describe|Lookup)[A-Z]/.test(eventName);
}

/** An epoch-milliseconds time in CloudTrail's `eventTime` form. */
export function eventTimeOf(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The `Username` LookupEvents reports: the IAM user, or the node id of a managed instance. */
export function usernameOf(record: AuditRecord): string | undefined {
  const who = record.userIdentity;
  if (who.type === "IAMUser") return who.userName;
  if (who.type === "ManagedInstance") return who.principalId;
  return undefined;
}

/** The access key id that signed the request, if any was named. */
export function accessKeyIdOf(record: AuditRecord): string | undefined {
  const who = record.userIdentity;
  return who.type === "ManagedInstance" ? undefined : who.accessKeyId;
}
