import type { ExpressionBuilder, Kysely, Selectable, Transaction } from "kysely";
import { type AuditRecord, accessKeyIdOf, usernameOf } from "../../core/audit/audit-record.ts";
import { resourcesOf } from "../../core/audit/audit-resources.ts";
import { canonicalJson } from "../../core/audit/canonical-json.ts";
import type { AuditChainHead, AuditEntry, AuditHasher, AuditQuery, AuditStore } from "../../core/ports/audit-store.ts";
import type { Page } from "../../core/ports/store.ts";
import { chunks, toPage } from "../paging.ts";
import type { Database } from "../schema.ts";
import type { AuditEventsTable } from "./audit-schema.ts";

type EventsBuilder = ExpressionBuilder<Database, "audit_events">;

/**
 * The {@link AuditStore} over Kysely, for SQLite and PostgreSQL alike. Appends are serialised on
 * the chain-head row: each append transaction first locks it with a no-op `UPDATE … RETURNING`
 * (on PostgreSQL the same row lock `SELECT … FOR UPDATE` takes, and portable to SQLite, whose
 * single connection serialises transactions anyway), so a concurrent append waits and then reads
 * the head this one left.
 */
export class KyselyAuditStore implements AuditStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async appendAudit(records: readonly AuditRecord[], hasher: AuditHasher): Promise<AuditEntry[]> {
    if (records.length === 0) return [];
    return await this.#db.transaction().execute(async (trx) => {
      let { seq, hash } = await lockHead(trx);
      const entries: AuditEntry[] = [];
      const rows: AuditEventsTable[] = [];
      const resources: Array<{ seq: number; resource_type: string; resource_name: string }> = [];
      for (const record of records) {
        const json = canonicalJson(record);
        const entry: AuditEntry = { seq: seq + 1, prevHash: hash, hash: hasher(hash, json), json };
        ({ seq, hash } = entry);
        entries.push(entry);
        rows.push(eventRow(entry, record));
        for (const r of resourcesOf(record)) {
          resources.push({ seq, resource_type: r.ResourceType, resource_name: r.ResourceName });
        }
      }
      for (const chunk of chunks(rows)) await trx.insertInto("audit_events").values(chunk).execute();
      for (const chunk of chunks(resources)) await trx.insertInto("audit_resources").values(chunk).execute();
      await trx.updateTable("audit_chain").set({ seq, hash }).where("id", "=", 1).execute();
      return entries;
    });
  }

  async lookupAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
    const rows = await this.#db
      .selectFrom("audit_events")
      .select(["seq", "prev_hash", "hash", "record"])
      .where((eb) => lookupConditions(eb, query))
      .orderBy("seq", "desc")
      .limit(query.limit + 1)
      .execute();
    return toPage(rows, { offset: 0, limit: query.limit }, toEntry);
  }

  async readAuditChain(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.#db
      .selectFrom("audit_events")
      .select(["seq", "prev_hash", "hash", "record"])
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  async auditChainHead(): Promise<AuditChainHead> {
    const row = await this.#db.selectFrom("audit_chain").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
    if (!row) throw new Error("the audit chain-head row is missing: the trail was tampered with");
    return { seq: Number(row.seq), hash: row.hash };
  }
}

async function lockHead(trx: Transaction<Database>): Promise<AuditChainHead> {
  const head = await trx
    .updateTable("audit_chain")
    .set((eb) => ({ seq: eb.ref("seq") }))
    .where("id", "=", 1)
    .returning(["seq", "hash"])
    .executeTakeFirst();
  if (!head) throw new Error("the audit chain-head row is missing: the trail was tampered with");
  return { seq: Number(head.seq), hash: head.hash };
}

function eventRow(entry: AuditEntry, record: AuditRecord): AuditEventsTable {
  return {
    seq: entry.seq,
    event_id: record.eventID,
    event_time: Date.parse(record.eventTime),
    event_name: record.eventName,
    event_source: record.eventSource,
    username: usernameOf(record) ?? null,
    access_key_id: accessKeyIdOf(record) ?? null,
    read_only: record.readOnly ? 1 : 0,
    record: entry.json,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function toEntry(row: Pick<Selectable<AuditEventsTable>, "seq" | "prev_hash" | "hash" | "record">): AuditEntry {
  return { seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash, json: row.record };
}

function lookupConditions(eb: EventsBuilder, query: AuditQuery) {
  const conditions = [];
  if (query.startTime !== undefined) conditions.push(eb("event_time", ">=", query.startTime));
  if (query.endTime !== undefined) conditions.push(eb("event_time", "<=", query.endTime));
  if (query.beforeSeq !== undefined) conditions.push(eb("seq", "<", query.beforeSeq));
  const attribute = query.attribute;
  if (attribute !== undefined) {
    const { key, value } = attribute;
    switch (key) {
      case "EventId":
        conditions.push(eb("event_id", "=", value));
        break;
      case "EventName":
        conditions.push(eb("event_name", "=", value));
        break;
      case "EventSource":
        conditions.push(eb("event_source", "=", value));
        break;
      case "Username":
        conditions.push(eb("username", "=", value));
        break;
      case "AccessKeyId":
        conditions.push(eb("access_key_id", "=", value));
        break;
      case "ReadOnly":
        conditions.push(eb("read_only", "=", value === "true" ? 1 : value === "false" ? 0 : -1));
        break;
      case "ResourceType":
      case "ResourceName": {
        const column = key === "ResourceType" ? "resource_type" : "resource_name";
        conditions.push(
          eb("seq", "in", eb.selectFrom("audit_resources").select("audit_resources.seq").where(column, "=", value)),
        );
        break;
      }
    }
  }
  return eb.and(conditions);
}
