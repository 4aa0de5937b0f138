import { isSecretParameterName } from "../../core/audit/redact.ts";
import { secretParameterPredicate } from "../../core/audit/secret-parameters.ts";
import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import { apiCallRecord } from "./api-call-record.ts";
import type { AuditTrail, RecordBuilder } from "./audit-trail.ts";

/** What the auditor needs. */
export interface ApiCallAuditorDeps {
  trail: AuditTrail;
  /** Reads the document of a SendCommand, to hide its secret parameters. */
  store: Pick<Store, "getCommand">;
  documents: DocumentCatalog;
  clock: Clock;
  ids: Ids;
  region: string;
  accountId: string;
}

/**
 * The API edge's `onCall` hook: turns every finished call into a record on the trail. It only
 * queues; looking up SendCommand's document (for `"noEcho": true` parameters) happens in the
 * trail's writer, after the response is on its way.
 */
export class ApiCallAuditor {
  readonly #deps: ApiCallAuditorDeps;

  constructor(deps: ApiCallAuditorDeps) {
    this.#deps = deps;
  }

  /** Records a call; never throws and never waits for the store. */
  async onCall(call: ApiCallRecord): Promise<void> {
    const { trail, clock, ids, region, accountId } = this.#deps;
    const meta = { eventTime: clock.now(), eventId: ids.uuid(), region, accountId };
    if (!isSendCommand(call)) {
      // Built now, so the queue holds the small record rather than the request body; a failure
      // to build is reported by the trail, never to the API call.
      let build: RecordBuilder;
      try {
        const record = apiCallRecord(call, meta, isSecretParameterName);
        build = () => record;
      } catch (error) {
        build = () => {
          throw error;
        };
      }
      trail.record(build);
      return;
    }
    trail.record(async () => apiCallRecord(call, meta, await this.#secretParameters(call)));
  }

  async #secretParameters(call: ApiCallRecord): Promise<(name: string) => boolean> {
    try {
      return secretParameterPredicate(await this.#documentContent(call));
    } catch {
      // The store could not say which parameters are secret: hide them all rather than guess.
      return () => true;
    }
  }

  /** The content of the document a SendCommand ran (or asked for), if it can be found. */
  async #documentContent(call: ApiCallRecord): Promise<string | undefined> {
    const commandId = member(member(call.output, "Command"), "CommandId");
    if (typeof commandId === "string") return (await this.#deps.store.getCommand(commandId))?.documentContent;
    const input = call.input ?? parseJson(call.request.body);
    const name = member(input, "DocumentName");
    const version = member(input, "DocumentVersion");
    if (typeof name !== "string") return undefined;
    try {
      return (await this.#deps.documents.resolve(name, typeof version === "string" ? version : undefined)).content;
    } catch {
      // An unknown document: only the name rule hides parameters.
      return undefined;
    }
  }
}

function isSendCommand(call: ApiCallRecord): boolean {
  return call.protocol?.eventSource === "ssm.amazonaws.com" && call.operation === "SendCommand";
}

function member(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    // Not JSON: there is no document name to look up.
    return undefined;
  }
}
