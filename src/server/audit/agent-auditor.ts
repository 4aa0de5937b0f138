import {
  AGENT_EVENT_NAMES,
  type AuditRecord,
  EVENT_VERSION,
  eventTimeOf,
  type JsonValue,
  type UserIdentity,
} from "../../core/audit/audit-record.ts";
import { boundedValue } from "../../core/audit/bounded-value.ts";
import { redactSecrets } from "../../core/audit/redact.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { AuditTrail } from "./audit-trail.ts";
import { type ErrorFields, errorFields } from "./error-fields.ts";

/** Where an agent's request or connection came from. */
export interface AgentOrigin {
  sourceIp: string;
  userAgent: string;
}

/** A result as the trail records it: no output, only what ended how. */
export interface AuditedResult {
  commandId: string;
  status: string;
  responseCode: number;
}

/**
 * What the gateway reports about one agent request or connection (event names in
 * core/audit/audit-record.ts). Every method only queues a record and never throws.
 */
export interface AgentAudit {
  /** A registration: `outcome` is the node id given, or what refused it. The activation code is hidden. */
  registered(request: unknown, outcome: { instanceId: string } | { error: unknown }): void;
  connected(instanceId: string): void;
  disconnected(instanceId: string): void;
  /** A handshake failed; `claimedInstanceId` is the id the peer said it was, if any. */
  handshakeRefused(claimedInstanceId: string | undefined, refusal: ErrorFields): void;
  /** A node reported a result; `refusal` when it was not accepted (not the node's invocation). */
  result(instanceId: string, result: AuditedResult, refusal?: ErrorFields): void;
  /** A node asked to replace its key; `refusal` when the new key was not accepted. */
  keyRotated(instanceId: string, newPublicKey: string, refusal?: ErrorFields): void;
}

/** What the auditor needs. */
export interface AgentAuditorDeps {
  trail: AuditTrail;
  clock: Clock;
  ids: Ids;
  region: string;
  accountId: string;
}

/** Records agent events (`AwsServiceEvent`s of `ssm.amazonaws.com`) on the trail. */
export class AgentAuditor {
  readonly #deps: AgentAuditorDeps;

  constructor(deps: AgentAuditorDeps) {
    this.#deps = deps;
  }

  /** The audit of one request or connection from `origin`. */
  for(origin: AgentOrigin): AgentAudit {
    const node = (instanceId: string): UserIdentity => ({
      type: "ManagedInstance",
      principalId: instanceId,
      accountId: this.#deps.accountId,
    });
    const emit = (eventName: string, who: UserIdentity, fields: Partial<AuditRecord>) =>
      this.#emit(origin, eventName, who, fields);
    return {
      registered: (request, outcome) =>
        "instanceId" in outcome
          ? emit(AGENT_EVENT_NAMES.register, node(outcome.instanceId), {
              requestParameters: boundedValue(redactSecrets(request)),
              responseElements: { instanceId: outcome.instanceId },
            })
          : emit(
              AGENT_EVENT_NAMES.register,
              { type: "Unknown" },
              {
                requestParameters: boundedValue(redactSecrets(request)),
                ...errorFields(outcome.error),
              },
            ),
      connected: (instanceId) =>
        emit(AGENT_EVENT_NAMES.connected, node(instanceId), { requestParameters: { instanceId } }),
      disconnected: (instanceId) =>
        emit(AGENT_EVENT_NAMES.disconnected, node(instanceId), { requestParameters: { instanceId } }),
      handshakeRefused: (claimed, refusal) =>
        emit(
          AGENT_EVENT_NAMES.handshakeRefused,
          { type: "Unknown" },
          {
            requestParameters: claimed === undefined ? null : { instanceId: claimed.slice(0, 128) },
            ...refusal,
          },
        ),
      result: (instanceId, result, refusal) =>
        emit(AGENT_EVENT_NAMES.result, node(instanceId), {
          requestParameters: { instanceId, ...resultFields(result) },
          ...(refusal ?? {}),
        }),
      keyRotated: (instanceId, newPublicKey, refusal) =>
        emit(AGENT_EVENT_NAMES.keyRotated, node(instanceId), {
          requestParameters: { instanceId, newPublicKey: newPublicKey.slice(0, 200) },
          ...(refusal ?? {}),
        }),
    };
  }

  #emit(origin: AgentOrigin, eventName: string, userIdentity: UserIdentity, fields: Partial<AuditRecord>): void {
    const { trail, clock, ids, region, accountId } = this.#deps;
    const record: AuditRecord = {
      eventVersion: EVENT_VERSION,
      userIdentity,
      eventTime: eventTimeOf(clock.now()),
      eventSource: "ssm.amazonaws.com",
      eventName,
      awsRegion: region,
      sourceIPAddress: origin.sourceIp,
      userAgent: origin.userAgent.slice(0, 1024),
      requestParameters: null,
      responseElements: null,
      requestID: ids.uuid(),
      eventID: ids.uuid(),
      readOnly: false,
      eventType: "AwsServiceEvent",
      managementEvent: true,
      recipientAccountId: accountId,
      eventCategory: "Management",
      ...fields,
    };
    trail.record(() => record);
  }
}

function resultFields(result: AuditedResult): { [key: string]: JsonValue } {
  return { commandId: result.commandId, status: result.status, responseCode: result.responseCode };
}
