import type { Kysely, Migration } from "kysely";
import { GENESIS_HASH } from "../../core/ports/audit-store.ts";
import type { StoreEngine } from "../store-engine.ts";

/** The append-only, hash-chained audit trail (issue 4) and its chain-head row. */
export function auditMigration(_engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("audit_events")
        .addColumn("seq", "bigint", (c) => c.primaryKey())
        .addColumn("event_id", "text", (c) => c.notNull().unique())
        .addColumn("event_time", "bigint", (c) => c.notNull())
        .addColumn("event_name", "text", (c) => c.notNull())
        .addColumn("event_source", "text", (c) => c.notNull())
        .addColumn("username", "text")
        .addColumn("access_key_id", "text")
        .addColumn("read_only", "integer", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      for (const column of ["event_time", "event_name", "username", "access_key_id", "event_source"]) {
        await db.schema.createIndex(`audit_events_${column}_idx`).on("audit_events").columns([column, "seq"]).execute();
      }
      await db.schema
        .createTable("audit_resources")
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("resource_type", "text", (c) => c.notNull())
        .addColumn("resource_name", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("audit_resources_name_idx")
        .on("audit_resources")
        .columns(["resource_name", "seq"])
        .execute();
      await db.schema
        .createIndex("audit_resources_type_idx")
        .on("audit_resources")
        .columns(["resource_type", "seq"])
        .execute();
      await db.schema
        .createTable("audit_chain")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await (db as Kysely<{ audit_chain: { id: number; seq: number; hash: string } }>)
        .insertInto("audit_chain")
        .values({ id: 1, seq: 0, hash: GENESIS_HASH })
        .execute();
    },
  };
}
