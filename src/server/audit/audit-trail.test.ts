import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { pino } from "pino";
import type { AuditRecord } from "../../core/audit/audit-record.ts";
import type { AuditEntry, AuditHasher, AuditStore } from "../../core/ports/audit-store.ts";
import { anAuditRecord } from "../../store/contract/audit-contract.ts";
import { AuditTrail } from "./audit-trail.ts";

/** An in-memory store whose next `failures` appends fail. */
class FlakyStore implements AuditStore {
  readonly written: AuditRecord[] = [];
  failures = 0;
  async appendAudit(records: readonly AuditRecord[], _hasher: AuditHasher): Promise<AuditEntry[]> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failures > 0) {
      this.failures--;
      throw new Error("database is locked");
    }
    this.written.push(...records);
    return [];
  }
  lookupAudit(): never {
    throw new Error("unused");
  }
  readAuditChain(): never {
    throw new Error("unused");
  }
  auditChainHead(): never {
    throw new Error("unused");
  }
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), text: () => lines.join("") };
}

describe("AuditTrail", () => {
  it("writes every queued record, in order, and close() drains the queue", async () => {
    const store = new FlakyStore();
    const trail = new AuditTrail({ store, log: capture().log });
    for (let n = 1; n <= 450; n++) trail.record(() => anAuditRecord(n));
    trail.record(async () => anAuditRecord(451));
    await trail.close();
    assert.deepEqual(
      store.written.map((r) => r.eventID),
      Array.from({ length: 451 }, (_, i) => `event-${i + 1}`),
    );
  });

  it("retries a failed write and then succeeds without losing anything", async () => {
    const store = new FlakyStore();
    store.failures = 2;
    const { log, text } = capture();
    const trail = new AuditTrail({ store, log, retryDelayMs: 1 });
    trail.record(() => anAuditRecord(1));
    await trail.close();
    assert.deepEqual(
      store.written.map((r) => r.eventID),
      ["event-1"],
    );
    assert.match(text(), /audit trail write failed; retrying/);
  });

  it("reports records it could not write loudly, by id only, and goes on with the next ones", async () => {
    const store = new FlakyStore();
    store.failures = 3;
    const { log, text } = capture();
    const trail = new AuditTrail({ store, log, retryDelayMs: 1 });
    trail.record(() => anAuditRecord(1, { requestParameters: { note: "top secret detail" } }));
    await trail.flush();
    trail.record(() => anAuditRecord(2));
    await trail.close();
    assert.match(text(), /AUDIT RECORDS LOST: 1 could not be written/);
    assert.match(text(), /event-1/);
    assert.doesNotMatch(text(), /top secret detail/);
    assert.deepEqual(
      store.written.map((r) => r.eventID),
      ["event-2"],
    );
  });

  it("never throws to the caller: a failing builder is logged and the others are written", async () => {
    const store = new FlakyStore();
    const { log, text } = capture();
    const trail = new AuditTrail({ store, log });
    trail.record(() => {
      throw new Error("boom");
    });
    trail.record(() => anAuditRecord(2));
    await trail.close();
    trail.record(() => anAuditRecord(3));
    assert.deepEqual(
      store.written.map((r) => r.eventID),
      ["event-2"],
    );
    assert.match(text(), /building the record failed/);
    assert.match(text(), /the audit trail is closed/);
  });

  it("bounds the queue when the store cannot keep up, reporting what it dropped", async () => {
    const store = new FlakyStore();
    const { log, text } = capture();
    const trail = new AuditTrail({ store, log, maxQueued: 2 });
    for (let n = 1; n <= 5; n++) trail.record(() => anAuditRecord(n));
    await trail.close();
    // The first record is already being written when the next ones arrive.
    assert.deepEqual(
      store.written.map((r) => r.eventID),
      ["event-1", "event-2", "event-3"],
    );
    assert.match(text(), /AUDIT RECORDS LOST: the audit queue is full/);
  });
});
