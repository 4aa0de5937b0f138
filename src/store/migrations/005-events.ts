import { type Expression, type Kysely, type Migration, sql } from "kysely";
import type { StoreEngine } from "../store-engine.ts";

/** Notification topics and subscriptions, event rules and the delivery log (issue 5). */
export function eventsMigration(engine: StoreEngine): Migration {
  const key: Expression<unknown> | "text" = engine.binaryCollation
    ? sql`text collate ${sql.id(engine.binaryCollation)}`
    : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("event_topics")
        .addColumn("name", key, (c) => c.primaryKey())
        .addColumn("secret_ciphertext", "text", (c) => c.notNull())
        .addColumn("secret_nonce", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("event_subscriptions")
        .addColumn("subscription_id", key, (c) => c.primaryKey())
        .addColumn("topic_name", key, (c) => c.notNull())
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("event_subscriptions_topic_idx")
        .on("event_subscriptions")
        .columns(["topic_name", "created_at"])
        .execute();
      await db.schema
        .createTable("event_rules")
        .addColumn("name", key, (c) => c.primaryKey())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("pattern", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("secret_ciphertext", "text", (c) => c.notNull())
        .addColumn("secret_nonce", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("event_deliveries")
        .addColumn("delivery_id", key, (c) => c.primaryKey())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("source", key, (c) => c.notNull())
        .addColumn("target", key, (c) => c.notNull())
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_status", "integer", (c) => c.notNull())
        .addColumn("last_error", "text", (c) => c.notNull())
        .addColumn("response", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("event_deliveries_seq_idx").on("event_deliveries").column("seq").execute();
      await db.schema
        .createIndex("event_deliveries_status_idx")
        .on("event_deliveries")
        .columns(["status", "seq"])
        .execute();
      await db.schema
        .createIndex("event_deliveries_source_idx")
        .on("event_deliveries")
        .columns(["source", "seq"])
        .execute();
    },
  };
}
