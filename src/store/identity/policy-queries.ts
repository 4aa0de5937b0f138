/** Inline policies, customer managed policies and attachments, over Kysely. */

import type { Insertable, Kysely } from "kysely";
import type { InlinePolicyRecord, ManagedPolicyRecord, PrincipalRef } from "../../core/identity/identity-records.ts";
import type { Database } from "../schema.ts";
import { managedPolicyCodec } from "./identity-codecs.ts";
import type { IamManagedPoliciesTable } from "./identity-schema.ts";
import { lockPrincipal } from "./principal-queries.ts";

/** Adds or replaces an inline policy; false when the principal does not exist. */
export async function putInlinePolicy(
  db: Kysely<Database>,
  principal: PrincipalRef,
  policy: InlinePolicyRecord,
): Promise<boolean> {
  return await db.transaction().execute(async (trx) => {
    if (!(await lockPrincipal(trx, principal))) return false;
    await trx
      .insertInto("iam_inline_policies")
      .values({
        principal_kind: principal.kind,
        principal_name: principal.name,
        policy_name: policy.policyName,
        document: policy.document,
      })
      .onConflict((oc) =>
        oc.columns(["principal_kind", "principal_name", "policy_name"]).doUpdateSet({ document: policy.document }),
      )
      .execute();
    return true;
  });
}

/** One inline policy, or undefined. */
export async function getInlinePolicy(
  db: Kysely<Database>,
  principal: PrincipalRef,
  policyName: string,
): Promise<InlinePolicyRecord | undefined> {
  const row = await db
    .selectFrom("iam_inline_policies")
    .select(["policy_name", "document"])
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", principal.name)
    .where("policy_name", "=", policyName)
    .executeTakeFirst();
  return row && { policyName: row.policy_name, document: row.document };
}

/** A principal's inline policies, by name. */
export async function listInlinePolicies(db: Kysely<Database>, principal: PrincipalRef): Promise<InlinePolicyRecord[]> {
  const rows = await db
    .selectFrom("iam_inline_policies")
    .select(["policy_name", "document"])
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", principal.name)
    .orderBy("policy_name")
    .execute();
  return rows.map((r) => ({ policyName: r.policy_name, document: r.document }));
}

/** Deletes one inline policy; false when there was none. */
export async function deleteInlinePolicy(
  db: Kysely<Database>,
  principal: PrincipalRef,
  policyName: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom("iam_inline_policies")
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", principal.name)
    .where("policy_name", "=", policyName)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Creates a customer managed policy; false when one of that name (or ARN) exists. */
export async function createManagedPolicy(db: Kysely<Database>, policy: ManagedPolicyRecord): Promise<boolean> {
  const r = await db
    .insertInto("iam_managed_policies")
    .values(managedPolicyCodec.toRow<Insertable<IamManagedPoliciesTable>>(policy))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** A customer managed policy by ARN. */
export async function getManagedPolicy(db: Kysely<Database>, arn: string): Promise<ManagedPolicyRecord | undefined> {
  const row = await db.selectFrom("iam_managed_policies").selectAll().where("arn", "=", arn).executeTakeFirst();
  return row && managedPolicyCodec.fromRow(row);
}

/** Every customer managed policy, by name. */
export async function listManagedPolicies(db: Kysely<Database>): Promise<ManagedPolicyRecord[]> {
  const rows = await db.selectFrom("iam_managed_policies").selectAll().orderBy("policy_name").execute();
  return rows.map((r) => managedPolicyCodec.fromRow(r));
}

/** Deletes a customer managed policy unless it is attached to anyone. */
export async function deleteManagedPolicy(
  db: Kysely<Database>,
  arn: string,
): Promise<"deleted" | "not-found" | "has-attached-policies"> {
  return await db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable("iam_managed_policies")
      .set((eb) => ({ updated_at: eb.ref("updated_at") }))
      .where("arn", "=", arn)
      .executeTakeFirst();
    if (locked.numUpdatedRows === 0n) return "not-found";
    const attached = await trx
      .selectFrom("iam_policy_attachments")
      .select("principal_name")
      .where("policy_arn", "=", arn)
      .limit(1)
      .executeTakeFirst();
    if (attached) return "has-attached-policies";
    await trx.deleteFrom("iam_managed_policies").where("arn", "=", arn).execute();
    return "deleted";
  });
}

/** Attaches a managed policy (idempotent); false when the principal does not exist. */
export async function attachPolicy(db: Kysely<Database>, principal: PrincipalRef, policyArn: string): Promise<boolean> {
  return await db.transaction().execute(async (trx) => {
    if (!(await lockPrincipal(trx, principal))) return false;
    await trx
      .insertInto("iam_policy_attachments")
      .values({ principal_kind: principal.kind, principal_name: principal.name, policy_arn: policyArn })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return true;
  });
}

/** Detaches a managed policy; false when it was not attached. */
export async function detachPolicy(db: Kysely<Database>, principal: PrincipalRef, policyArn: string): Promise<boolean> {
  const r = await db
    .deleteFrom("iam_policy_attachments")
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", principal.name)
    .where("policy_arn", "=", policyArn)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** ARNs attached to a principal, ordered. */
export async function listAttachedPolicies(db: Kysely<Database>, principal: PrincipalRef): Promise<string[]> {
  const rows = await db
    .selectFrom("iam_policy_attachments")
    .select("policy_arn")
    .where("principal_kind", "=", principal.kind)
    .where("principal_name", "=", principal.name)
    .orderBy("policy_arn")
    .execute();
  return rows.map((r) => r.policy_arn);
}

/** How many principals each attached policy has. */
export async function attachmentCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("iam_policy_attachments")
    .select((eb) => ["policy_arn", eb.fn.countAll<number>().as("n")])
    .groupBy("policy_arn")
    .execute();
  return new Map(rows.map((r) => [r.policy_arn, Number(r.n)]));
}
