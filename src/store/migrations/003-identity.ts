import { type Expression, type Kysely, type Migration, sql } from "kysely";
import type { StoreEngine } from "../store-engine.ts";

/**
 * IAM users, groups, memberships, sealed access keys, inline and managed policies, attachments
 * (issue 4). The old `access_keys` table stays until start-up has sealed and moved its keys.
 */
export function identityMigration(engine: StoreEngine): Migration {
  const key: Expression<unknown> | "text" = engine.binaryCollation
    ? sql`text collate ${sql.id(engine.binaryCollation)}`
    : "text";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("iam_users")
        .addColumn("user_name", key, (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().unique())
        .addColumn("path", key, (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("iam_groups")
        .addColumn("group_name", key, (c) => c.primaryKey())
        .addColumn("group_id", "text", (c) => c.notNull().unique())
        .addColumn("path", key, (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("iam_group_members")
        .addColumn("group_name", key, (c) => c.notNull().references("iam_groups.group_name"))
        .addColumn("user_name", key, (c) => c.notNull().references("iam_users.user_name"))
        .addPrimaryKeyConstraint("iam_group_members_pk", ["group_name", "user_name"])
        .execute();
      await db.schema.createIndex("iam_group_members_user_idx").on("iam_group_members").column("user_name").execute();

      await db.schema
        .createTable("iam_access_keys")
        .addColumn("access_key_id", key, (c) => c.primaryKey())
        .addColumn("user_name", key, (c) => c.notNull().references("iam_users.user_name"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("secret_ciphertext", "text", (c) => c.notNull())
        .addColumn("secret_nonce", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await db.schema.createIndex("iam_access_keys_user_idx").on("iam_access_keys").column("user_name").execute();

      await db.schema
        .createTable("iam_inline_policies")
        .addColumn("principal_kind", key, (c) => c.notNull())
        .addColumn("principal_name", key, (c) => c.notNull())
        .addColumn("policy_name", key, (c) => c.notNull())
        .addColumn("document", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("iam_inline_policies_pk", ["principal_kind", "principal_name", "policy_name"])
        .execute();

      await db.schema
        .createTable("iam_managed_policies")
        .addColumn("arn", key, (c) => c.primaryKey())
        .addColumn("policy_name", key, (c) => c.notNull().unique())
        .addColumn("policy_id", "text", (c) => c.notNull())
        .addColumn("path", key, (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("document", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("iam_policy_attachments")
        .addColumn("principal_kind", key, (c) => c.notNull())
        .addColumn("principal_name", key, (c) => c.notNull())
        .addColumn("policy_arn", key, (c) => c.notNull())
        .addPrimaryKeyConstraint("iam_policy_attachments_pk", ["principal_kind", "principal_name", "policy_arn"])
        .execute();
      await db.schema
        .createIndex("iam_policy_attachments_policy_idx")
        .on("iam_policy_attachments")
        .column("policy_arn")
        .execute();
    },
  };
}
