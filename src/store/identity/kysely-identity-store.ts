import type { Insertable, Kysely } from "kysely";
import type {
  GroupRecord,
  InlinePolicyRecord,
  ManagedPolicyRecord,
  PrincipalRef,
  UserRecord,
} from "../../core/identity/identity-records.ts";
import type { AccessKeyRecord, AccessKeyStatus } from "../../core/model.ts";
import type {
  CreateAccessKeyOutcome,
  DeletePrincipalOutcome,
  IdentityStore,
  LegacyAccessKey,
  MembershipOutcome,
} from "../../core/ports/identity-store.ts";
import { KyselyDocumentStore } from "../documents/kysely-document-store.ts";
import type { Database } from "../schema.ts";
import { accessKeyCodec, groupCodec, userCodec } from "./identity-codecs.ts";
import type { IamAccessKeysTable } from "./identity-schema.ts";
import * as policies from "./policy-queries.ts";
import { deletePrincipal, lockPrincipal } from "./principal-queries.ts";

/**
 * The {@link IdentityStore} over Kysely, for SQLite and PostgreSQL alike. It extends the document
 * store only so that `KyselyStore` can inherit both (TypeScript has no multiple inheritance).
 */
export class KyselyIdentityStore extends KyselyDocumentStore implements IdentityStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    super(db);
    this.#db = db;
  }

  async createUser(user: UserRecord): Promise<boolean> {
    const r = await this.#db
      .insertInto("iam_users")
      .values(userCodec.toRow(user))
      .onConflict((oc) => oc.column("user_name").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async getUser(userName: string): Promise<UserRecord | undefined> {
    const row = await this.#db.selectFrom("iam_users").selectAll().where("user_name", "=", userName).executeTakeFirst();
    return row && userCodec.fromRow(row);
  }

  async listUsers(pathPrefix = "/"): Promise<UserRecord[]> {
    const rows = await this.#db.selectFrom("iam_users").selectAll().orderBy("user_name").execute();
    return rows.filter((r) => r.path.startsWith(pathPrefix)).map((r) => userCodec.fromRow(r));
  }

  async deleteUser(userName: string): Promise<DeletePrincipalOutcome> {
    return await deletePrincipal(this.#db, { kind: "user", name: userName });
  }

  async createAccessKey(key: AccessKeyRecord, maxPerUser: number): Promise<CreateAccessKeyOutcome> {
    return await this.#db.transaction().execute(async (trx) => {
      if (!(await lockPrincipal(trx, { kind: "user", name: key.userName }))) return "no-user";
      const { n } = await trx
        .selectFrom("iam_access_keys")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_name", "=", key.userName)
        .executeTakeFirstOrThrow();
      if (Number(n) >= maxPerUser) return "limit-exceeded";
      await trx
        .insertInto("iam_access_keys")
        .values(accessKeyCodec.toRow<Insertable<IamAccessKeysTable>>(key))
        .execute();
      return "created";
    });
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    const row = await this.#db
      .selectFrom("iam_access_keys")
      .selectAll()
      .where("access_key_id", "=", accessKeyId)
      .executeTakeFirst();
    return row && accessKeyCodec.fromRow(row);
  }

  async listAccessKeys(userName: string): Promise<AccessKeyRecord[]> {
    const rows = await this.#db
      .selectFrom("iam_access_keys")
      .selectAll()
      .where("user_name", "=", userName)
      .orderBy("created_at")
      .orderBy("access_key_id")
      .execute();
    return rows.map((r) => accessKeyCodec.fromRow(r));
  }

  async setAccessKeyStatus(userName: string, accessKeyId: string, status: AccessKeyStatus): Promise<boolean> {
    const r = await this.#db
      .updateTable("iam_access_keys")
      .set({ status })
      .where("access_key_id", "=", accessKeyId)
      .where("user_name", "=", userName)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async markAccessKeyUsed(accessKeyId: string, at: number): Promise<void> {
    await this.#db
      .updateTable("iam_access_keys")
      .set({ last_used_at: at })
      .where("access_key_id", "=", accessKeyId)
      .execute();
  }

  async deleteAccessKey(userName: string, accessKeyId: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom("iam_access_keys")
      .where("access_key_id", "=", accessKeyId)
      .where("user_name", "=", userName)
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async createGroup(group: GroupRecord): Promise<boolean> {
    const r = await this.#db
      .insertInto("iam_groups")
      .values(groupCodec.toRow(group))
      .onConflict((oc) => oc.column("group_name").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async getGroup(groupName: string): Promise<GroupRecord | undefined> {
    const row = await this.#db
      .selectFrom("iam_groups")
      .selectAll()
      .where("group_name", "=", groupName)
      .executeTakeFirst();
    return row && groupCodec.fromRow(row);
  }

  async listGroups(pathPrefix = "/"): Promise<GroupRecord[]> {
    const rows = await this.#db.selectFrom("iam_groups").selectAll().orderBy("group_name").execute();
    return rows.filter((r) => r.path.startsWith(pathPrefix)).map((r) => groupCodec.fromRow(r));
  }

  async deleteGroup(groupName: string): Promise<DeletePrincipalOutcome> {
    return await deletePrincipal(this.#db, { kind: "group", name: groupName });
  }

  async addUserToGroup(groupName: string, userName: string): Promise<MembershipOutcome> {
    return await this.#membership(groupName, userName, async (trx) => {
      await trx
        .insertInto("iam_group_members")
        .values({ group_name: groupName, user_name: userName })
        .onConflict((oc) => oc.doNothing())
        .execute();
    });
  }

  async removeUserFromGroup(groupName: string, userName: string): Promise<MembershipOutcome> {
    return await this.#membership(groupName, userName, async (trx) => {
      await trx
        .deleteFrom("iam_group_members")
        .where("group_name", "=", groupName)
        .where("user_name", "=", userName)
        .execute();
    });
  }

  /** Locks the group, then the user (always in that order), and changes the membership. */
  async #membership(
    groupName: string,
    userName: string,
    change: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<MembershipOutcome> {
    return await this.#db.transaction().execute(async (trx) => {
      if (!(await lockPrincipal(trx, { kind: "group", name: groupName }))) return "no-group";
      if (!(await lockPrincipal(trx, { kind: "user", name: userName }))) return "no-user";
      await change(trx);
      return "done";
    });
  }

  async listGroupsForUser(userName: string): Promise<GroupRecord[]> {
    const rows = await this.#db
      .selectFrom("iam_groups")
      .innerJoin("iam_group_members", "iam_group_members.group_name", "iam_groups.group_name")
      .selectAll("iam_groups")
      .where("iam_group_members.user_name", "=", userName)
      .orderBy("iam_groups.group_name")
      .execute();
    return rows.map((r) => groupCodec.fromRow(r));
  }

  async listGroupMembers(groupName: string): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("iam_users")
      .innerJoin("iam_group_members", "iam_group_members.user_name", "iam_users.user_name")
      .selectAll("iam_users")
      .where("iam_group_members.group_name", "=", groupName)
      .orderBy("iam_users.user_name")
      .execute();
    return rows.map((r) => userCodec.fromRow(r));
  }

  async putInlinePolicy(principal: PrincipalRef, policy: InlinePolicyRecord): Promise<boolean> {
    return await policies.putInlinePolicy(this.#db, principal, policy);
  }

  async getInlinePolicy(principal: PrincipalRef, policyName: string): Promise<InlinePolicyRecord | undefined> {
    return await policies.getInlinePolicy(this.#db, principal, policyName);
  }

  async listInlinePolicies(principal: PrincipalRef): Promise<InlinePolicyRecord[]> {
    return await policies.listInlinePolicies(this.#db, principal);
  }

  async deleteInlinePolicy(principal: PrincipalRef, policyName: string): Promise<boolean> {
    return await policies.deleteInlinePolicy(this.#db, principal, policyName);
  }

  async createManagedPolicy(policy: ManagedPolicyRecord): Promise<boolean> {
    return await policies.createManagedPolicy(this.#db, policy);
  }

  async getManagedPolicy(arn: string): Promise<ManagedPolicyRecord | undefined> {
    return await policies.getManagedPolicy(this.#db, arn);
  }

  async listManagedPolicies(): Promise<ManagedPolicyRecord[]> {
    return await policies.listManagedPolicies(this.#db);
  }

  async deleteManagedPolicy(arn: string): Promise<"deleted" | "not-found" | "has-attached-policies"> {
    return await policies.deleteManagedPolicy(this.#db, arn);
  }

  async attachPolicy(principal: PrincipalRef, policyArn: string): Promise<boolean> {
    return await policies.attachPolicy(this.#db, principal, policyArn);
  }

  async detachPolicy(principal: PrincipalRef, policyArn: string): Promise<boolean> {
    return await policies.detachPolicy(this.#db, principal, policyArn);
  }

  async listAttachedPolicies(principal: PrincipalRef): Promise<string[]> {
    return await policies.listAttachedPolicies(this.#db, principal);
  }

  async attachmentCounts(): Promise<Map<string, number>> {
    return await policies.attachmentCounts(this.#db);
  }

  async legacyAccessKeys(): Promise<LegacyAccessKey[]> {
    const rows = await this.#db.selectFrom("access_keys").selectAll().orderBy("created_at").execute();
    return rows.map((r) => ({
      accessKeyId: r.access_key_id,
      secretAccessKey: r.secret_access_key,
      userName: r.user_name,
      createdAt: r.created_at,
    }));
  }

  async deleteLegacyAccessKey(accessKeyId: string): Promise<void> {
    await this.#db.deleteFrom("access_keys").where("access_key_id", "=", accessKeyId).execute();
  }
}
