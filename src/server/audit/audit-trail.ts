import type { Logger } from "pino";
import type { AuditRecord } from "../../core/audit/audit-record.ts";
import type { AuditStore } from "../../core/ports/audit-store.ts";
import { auditHash } from "./audit-hash.ts";

/** Builds a record; may read the store (e.g. a document's secret parameters). */
export type RecordBuilder = () => AuditRecord | Promise<AuditRecord>;

/** What a trail needs. */
export interface AuditTrailDeps {
  store: AuditStore;
  log: Logger;
  /** Pause before retrying a failed append; default 200 ms × attempt. */
  retryDelayMs?: number;
  /** Most records waiting to be written (default 10,000); beyond it, records are dropped loudly. */
  maxQueued?: number;
}

const BATCH = 200;
const ATTEMPTS = 3;

/**
 * The writer of the audit trail. `record()` only queues, so writing never slows or fails the API
 * call or agent message being recorded; one writer drains the queue in order, appending batches.
 * A failed append is retried, then logged loudly (event ids and names only, never contents) and
 * dropped. A flood the store cannot keep up with is bounded by `maxQueued` (also logged as lost).
 * `close()` drains everything queued before it returns.
 */
export class AuditTrail {
  readonly #deps: AuditTrailDeps;
  readonly #queue: RecordBuilder[] = [];
  #writing: Promise<void> | undefined;
  #closed = false;
  #dropped = 0;

  constructor(deps: AuditTrailDeps) {
    this.#deps = deps;
  }

  /** Queues a record; never throws. */
  record(build: RecordBuilder): void {
    if (this.#closed) {
      this.#deps.log.error("AUDIT RECORD LOST: the audit trail is closed");
      return;
    }
    if (this.#queue.length >= (this.#deps.maxQueued ?? 10_000)) {
      this.#dropped++;
      if (this.#dropped === 1 || this.#dropped % 1000 === 0) {
        this.#deps.log.error({ dropped: this.#dropped }, "AUDIT RECORDS LOST: the audit queue is full");
      }
      return;
    }
    this.#queue.push(build);
    this.#kick();
  }

  /** Resolves once everything queued so far is written (or reported lost). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Stops taking records and drains the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #kick(): void {
    if (this.#writing || this.#queue.length === 0) return;
    this.#writing = this.#drain().finally(() => {
      this.#writing = undefined;
      this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const records: AuditRecord[] = [];
      for (const build of this.#queue.splice(0, BATCH)) {
        try {
          records.push(await build());
        } catch (error) {
          this.#deps.log.error({ err: error }, "AUDIT RECORD LOST: building the record failed");
        }
      }
      await this.#append(records);
    }
  }

  async #append(records: AuditRecord[]): Promise<void> {
    const { store, log, retryDelayMs = 200 } = this.#deps;
    for (let attempt = 1; records.length > 0; attempt++) {
      try {
        await store.appendAudit(records, auditHash);
        return;
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          log.error(
            { err: error, lost: records.map((r) => ({ eventID: r.eventID, eventName: r.eventName })) },
            `AUDIT RECORDS LOST: ${records.length} could not be written to the audit trail`,
          );
          return;
        }
        log.error({ err: error, attempt }, "audit trail write failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * attempt));
      }
    }
  }
}
