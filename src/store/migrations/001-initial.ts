import { type Expression, type Kysely, type Migration, sql } from "kysely";
import type { StoreEngine } from "../store-engine.ts";

/** The first schema: every table and the indexes behind the store's hot queries. */
export function initialMigration(engine: StoreEngine): Migration {
  const key: Expression<unknown> | "text" = engine.binaryCollation
    ? sql`text collate ${sql.id(engine.binaryCollation)}`
    : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("access_keys")
        .addColumn("access_key_id", key, (c) => c.primaryKey())
        .addColumn("secret_access_key", "text", (c) => c.notNull())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("activations")
        .addColumn("activation_id", key, (c) => c.primaryKey())
        .addColumn("code_hash", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("default_instance_name", "text", (c) => c.notNull())
        .addColumn("iam_role", "text", (c) => c.notNull())
        .addColumn("registration_limit", "integer", (c) => c.notNull())
        .addColumn("registrations_count", "integer", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("activations_created_idx")
        .on("activations")
        .columns(["created_at", "activation_id"])
        .execute();

      await db.schema
        .createTable("nodes")
        .addColumn("instance_id", key, (c) => c.primaryKey())
        .addColumn("activation_id", key, (c) => c.notNull())
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("computer_name", "text", (c) => c.notNull())
        .addColumn("ip_address", "text", (c) => c.notNull())
        .addColumn("platform_type", "text", (c) => c.notNull())
        .addColumn("platform_name", "text", (c) => c.notNull())
        .addColumn("platform_version", "text", (c) => c.notNull())
        .addColumn("agent_version", "text", (c) => c.notNull())
        .addColumn("iam_role", "text", (c) => c.notNull())
        .addColumn("registered_at", "bigint", (c) => c.notNull())
        .addColumn("last_ping_at", "bigint")
        .addColumn("connected", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("nodes_activation_idx").on("nodes").column("activation_id").execute();

      await db.schema
        .createTable("tags")
        .addColumn("resource_type", key, (c) => c.notNull())
        .addColumn("resource_id", key, (c) => c.notNull())
        .addColumn("key", key, (c) => c.notNull())
        .addColumn("value", key, (c) => c.notNull())
        .addPrimaryKeyConstraint("tags_pk", ["resource_type", "resource_id", "key"])
        .execute();
      // Finding nodes by tag walks (type, key, value) to the resource ids.
      await db.schema
        .createIndex("tags_lookup_idx")
        .on("tags")
        .columns(["resource_type", "key", "value", "resource_id"])
        .execute();

      await db.schema
        .createTable("commands")
        .addColumn("command_id", key, (c) => c.primaryKey())
        .addColumn("document_name", "text", (c) => c.notNull())
        .addColumn("document_version", "text", (c) => c.notNull())
        .addColumn("document_content", "text", (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("parameters", "text", (c) => c.notNull())
        .addColumn("typed_parameters", "text", (c) => c.notNull())
        .addColumn("instance_ids", "text", (c) => c.notNull())
        .addColumn("targets", "text", (c) => c.notNull())
        .addColumn("requested_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("timeout_seconds", "integer", (c) => c.notNull())
        .addColumn("max_concurrency", "text", (c) => c.notNull())
        .addColumn("max_errors", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("status_details", "text", (c) => c.notNull())
        .addColumn("target_count", "integer", (c) => c.notNull())
        .addColumn("completed_count", "integer", (c) => c.notNull())
        .addColumn("error_count", "integer", (c) => c.notNull())
        .addColumn("delivery_timed_out_count", "integer", (c) => c.notNull())
        .addColumn("output_s3_bucket_name", "text", (c) => c.notNull())
        .addColumn("output_s3_key_prefix", "text", (c) => c.notNull())
        .addColumn("service_role", "text", (c) => c.notNull())
        .addColumn("notification_config", "text", (c) => c.notNull())
        .addColumn("cloudwatch_output_config", "text", (c) => c.notNull())
        .addColumn("requested_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("commands_requested_idx")
        .on("commands")
        .columns(["requested_at", "command_id"])
        .execute();
      await db.schema.createIndex("commands_status_idx").on("commands").column("status").execute();

      await db.schema
        .createTable("invocations")
        .addColumn("command_id", key, (c) => c.notNull())
        .addColumn("instance_id", key, (c) => c.notNull())
        .addColumn("instance_name", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("status_details", "text", (c) => c.notNull())
        .addColumn("requested_at", "bigint", (c) => c.notNull())
        .addColumn("released_at", "bigint")
        .addColumn("delivered_at", "bigint")
        .addColumn("started_at", "bigint")
        .addColumn("ended_at", "bigint")
        .addColumn("response_code", "integer", (c) => c.notNull())
        .addColumn("stdout", "text", (c) => c.notNull())
        .addColumn("stderr", "text", (c) => c.notNull())
        .addColumn("plugins", "text", (c) => c.notNull())
        .addColumn("cancel_requested", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("invocations_pk", ["command_id", "instance_id"])
        .execute();
      await db.schema
        .createIndex("invocations_node_idx")
        .on("invocations")
        .columns(["instance_id", "status_details"])
        .execute();
      await db.schema.createIndex("invocations_seq_idx").on("invocations").columns(["command_id", "seq"]).execute();
      await db.schema
        .createIndex("invocations_details_idx")
        .on("invocations")
        .columns(["command_id", "status_details"])
        .execute();
      await db.schema
        .createIndex("invocations_requested_idx")
        .on("invocations")
        .columns(["requested_at", "command_id", "seq"])
        .execute();
    },
  };
}
