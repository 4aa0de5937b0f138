import type { Kysely } from "kysely";
import type { PrincipalRef } from "../../core/identity/identity-records.ts";
import type { DeletePrincipalOutcome } from "../../core/ports/identity-store.ts";
import type { Database } from "../schema.ts";

/**
 * Locks a user's or group's row until the transaction ends, with a no-op UPDATE (portable, unlike
 * `SELECT … FOR UPDATE`): writers that add keys, policies or memberships and deleters of the same
 * principal queue up on PostgreSQL; SQLite serialises them anyway. False when it does not exist.
 */
export async function lockPrincipal(trx: Kysely<Database>, principal: PrincipalRef): Promise<boolean> {
  const r =
    principal.kind === "user"
      ? await trx
          .updateTable("iam_users")
          .set((eb) => ({ path: eb.ref("path") }))
          .where("user_name", "=", principal.name)
          .executeTakeFirst()
      : await trx
          .updateTable("iam_groups")
          .set((eb) => ({ path: eb.ref("path") }))
          .where("group_name", "=", principal.name)
          .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes a user or group in one transaction, unless something still belongs to it (IAM's DeleteConflict). */
export async function deletePrincipal(db: Kysely<Database>, principal: PrincipalRef): Promise<DeletePrincipalOutcome> {
  return await db.transaction().execute(async (trx) => {
    if (!(await lockPrincipal(trx, principal))) return "not-found";
    const conflict = await conflictOf(trx, principal);
    if (conflict !== undefined) return conflict;
    if (principal.kind === "user") await trx.deleteFrom("iam_users").where("user_name", "=", principal.name).execute();
    else await trx.deleteFrom("iam_groups").where("group_name", "=", principal.name).execute();
    return "deleted";
  });
}

/** The first thing that still belongs to the principal, in the order IAM reports them. */
async function conflictOf(trx: Kysely<Database>, principal: PrincipalRef): Promise<DeletePrincipalOutcome | undefined> {
  const name = principal.name;
  if (principal.kind === "user") {
    const key = await trx
      .selectFrom("iam_access_keys")
      .select("access_key_id")
      .where("user_name", "=", name)
      .limit(1)
      .executeTakeFirst();
    if (key) return "has-access-keys";
  } else {
    const member = await trx
      .selectFrom("iam_group_members")
      .select("user_name")
      .where("group_name", "=", name)
      .limit(1)
      .executeTakeFirst();
    if (member) return "has-members";
  }
  const inline = await trx
    .selectFrom("iam_inline_policies")
    .select("policy_name")
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", name)
    .limit(1)
    .executeTakeFirst();
  if (inline) return "has-inline-policies";
  const attached = await trx
    .selectFrom("iam_policy_attachments")
    .select("policy_arn")
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", name)
    .limit(1)
    .executeTakeFirst();
  if (attached) return "has-attached-policies";
  if (principal.kind === "user") {
    const group = await trx
      .selectFrom("iam_group_members")
      .select("group_name")
      .where("user_name", "=", name)
      .limit(1)
      .executeTakeFirst();
    if (group) return "has-groups";
  }
  return undefined;
}
