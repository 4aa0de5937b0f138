import { type Expression, type Kysely, type Migration, sql } from "kysely";
import type { StoreEngine } from "../store-engine.ts";

/** User documents and their versions (issue 3). */
export function documentsMigration(engine: StoreEngine): Migration {
  const key: Expression<unknown> | "text" = engine.binaryCollation
    ? sql`text collate ${sql.id(engine.binaryCollation)}`
    : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("documents")
        .addColumn("name", key, (c) => c.primaryKey())
        .addColumn("document_type", "text", (c) => c.notNull())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("default_version", "integer", (c) => c.notNull())
        .addColumn("latest_version", "integer", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("document_versions")
        .addColumn("name", key, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .addColumn("schema_version", "text", (c) => c.notNull())
        .addColumn("version_name", key)
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("parameters", "text", (c) => c.notNull())
        .addColumn("platform_types", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("status_information", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("document_versions_pk", ["name", "version"])
        .execute();
      // NULL version names (none given) never collide: both engines treat NULLs as distinct here.
      await db.schema
        .createIndex("document_versions_version_name_idx")
        .on("document_versions")
        .columns(["name", "version_name"])
        .unique()
        .execute();
      await db.schema
        .createIndex("document_versions_hash_idx")
        .on("document_versions")
        .columns(["name", "hash"])
        .execute();
    },
  };
}
