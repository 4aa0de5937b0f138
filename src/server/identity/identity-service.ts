import { ADMINISTRATOR_ACCESS_ARN } from "../../core/identity/aws-managed-policies.ts";
import { IamError, noSuchGroup, noSuchUser } from "../../core/identity/iam-error.ts";
import { groupArn, MAX_ACCESS_KEYS_PER_USER, userArn } from "../../core/identity/iam-names.ts";
import type { GroupRecord, IamTag, UserRecord } from "../../core/identity/identity-records.ts";
import type { AccessKeyRecord, AccessKeyStatus } from "../../core/model.ts";
import type { PolicyDocument } from "../../core/policies/index.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { DeletePrincipalOutcome, IdentityStore } from "../../core/ports/identity-store.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { checkName, checkPath, checkTags, checkUserName } from "./identity-input.ts";
import { PolicyDirectory } from "./policy-directory.ts";

/** What the identity service needs. */
export interface IdentityServiceDeps {
  store: IdentityStore;
  /** Seals and opens access-key secrets under the master key. */
  box: SecretBox;
  clock: Clock;
  ids: Ids;
  /** The account id written into every ARN. */
  accountId: string;
}

/** A new access key: its record and, this once, its secret. */
export interface NewAccessKey {
  record: AccessKeyRecord;
  secretAccessKey: string;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** Minimum time between two LastUsed writes for one key. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * IAM users, groups, access keys and policies: the rules of the IAM API (names, quotas, delete
 * conflicts, errors as {@link IamError}) over the {@link IdentityStore}, plus what the API edge
 * needs — `credentials` to verify signatures and `policiesFor` to authorize. Managed policies and
 * attachments are in {@link PolicyDirectory} (`policies`).
 */
export class IdentityService {
  readonly accountId: string;
  /** Inline and managed policies, attachments, and the policies that apply to a user. */
  readonly policies: PolicyDirectory;
  readonly #store: IdentityStore;
  readonly #box: SecretBox;
  readonly #clock: Clock;
  readonly #ids: Ids;
  readonly #lastUsedWrites = new Map<string, number>();

  constructor(deps: IdentityServiceDeps) {
    this.accountId = deps.accountId;
    this.#store = deps.store;
    this.#box = deps.box;
    this.#clock = deps.clock;
    this.#ids = deps.ids;
    this.policies = new PolicyDirectory(deps);
  }

  /** The ARN of a user. */
  userArn(user: Pick<UserRecord, "userName" | "path">): string {
    return userArn(this.accountId, user.userName, user.path);
  }

  /** The ARN of a group. */
  groupArn(group: Pick<GroupRecord, "groupName" | "path">): string {
    return groupArn(this.accountId, group.groupName, group.path);
  }

  /** @throws IamError ValidationError, EntityAlreadyExists. */
  async createUser(input: { userName: string; path?: string; tags?: IamTag[] }): Promise<UserRecord> {
    checkUserName(input.userName);
    const user: UserRecord = {
      userName: input.userName,
      userId: `AIDA${this.#ids.secret(17, ID_ALPHABET)}`,
      path: checkPath(input.path),
      createdAt: this.#clock.now(),
      tags: checkTags(input.tags),
    };
    if (!(await this.#store.createUser(user)))
      throw new IamError("EntityAlreadyExists", `User with name ${input.userName} already exists.`);
    return user;
  }

  /** The user, or undefined. */
  async findUser(userName: string): Promise<UserRecord | undefined> {
    return await this.#store.getUser(userName);
  }

  /** The group, or undefined. */
  async findGroup(groupName: string): Promise<GroupRecord | undefined> {
    return await this.#store.getGroup(groupName);
  }

  /** @throws IamError NoSuchEntity. */
  async getUser(userName: string): Promise<UserRecord> {
    const user = await this.#store.getUser(userName);
    if (!user) throw noSuchUser(userName);
    return user;
  }

  /** Users by name, optionally only those under a path prefix. */
  async listUsers(pathPrefix?: string): Promise<UserRecord[]> {
    return await this.#store.listUsers(pathPrefix);
  }

  /** @throws IamError NoSuchEntity, DeleteConflict (keys, policies, attachments or groups left). */
  async deleteUser(userName: string): Promise<void> {
    conflictOrMissing(await this.#store.deleteUser(userName), () => noSuchUser(userName));
  }

  /** A new Active key with a fresh secret; the secret is stored only sealed. @throws IamError NoSuchEntity, LimitExceeded. */
  async createAccessKey(userName: string, maxPerUser: number = MAX_ACCESS_KEYS_PER_USER): Promise<NewAccessKey> {
    const accessKeyId = `AKFR${this.#ids.secret(16, ID_ALPHABET)}`;
    const secretAccessKey = this.#ids.secret(40);
    const record = this.#sealedKey(accessKeyId, secretAccessKey, userName, this.#clock.now());
    const outcome = await this.#store.createAccessKey(record, maxPerUser);
    if (outcome === "no-user") throw noSuchUser(userName);
    if (outcome === "limit-exceeded")
      throw new IamError("LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${maxPerUser}`);
    return { record, secretAccessKey };
  }

  /** A user's keys, oldest first. @throws IamError NoSuchEntity. */
  async listAccessKeys(userName: string): Promise<AccessKeyRecord[]> {
    await this.getUser(userName);
    return await this.#store.listAccessKeys(userName);
  }

  /** @throws IamError NoSuchEntity (user or key). */
  async updateAccessKey(userName: string, accessKeyId: string, status: AccessKeyStatus): Promise<void> {
    await this.getUser(userName);
    if (!(await this.#store.setAccessKeyStatus(userName, accessKeyId, status))) throw noSuchKey(accessKeyId);
  }

  /** @throws IamError NoSuchEntity (user or key). */
  async deleteAccessKey(userName: string, accessKeyId: string): Promise<void> {
    await this.getUser(userName);
    if (!(await this.#store.deleteAccessKey(userName, accessKeyId))) throw noSuchKey(accessKeyId);
    this.#lastUsedWrites.delete(accessKeyId);
  }

  /**
   * The secret and user of an Active key, for SigV4 verification; undefined when the key is
   * unknown, Inactive, or its secret does not open under this master key.
   */
  async credentials(accessKeyId: string): Promise<{ secretAccessKey: string; userName: string } | undefined> {
    const key = await this.#store.getAccessKey(accessKeyId);
    if (key?.status !== "Active") return undefined;
    const secretAccessKey = this.#open(key);
    return secretAccessKey === undefined ? undefined : { secretAccessKey, userName: key.userName };
  }

  /**
   * What became of a key: `missing`, its status, or `unopenable` when its secret does not open
   * under this master key (it was sealed under another one).
   */
  async accessKeyState(accessKeyId: string): Promise<"missing" | "unopenable" | AccessKeyStatus> {
    const key = await this.#store.getAccessKey(accessKeyId);
    if (!key) return "missing";
    return this.#open(key) === undefined ? "unopenable" : key.status;
  }

  /** Records that a verified request used the key (at most one write per key per minute). */
  async noteKeyUsed(accessKeyId: string): Promise<void> {
    const now = this.#clock.now();
    if (now - (this.#lastUsedWrites.get(accessKeyId) ?? Number.NEGATIVE_INFINITY) < LAST_USED_GRANULARITY_MS) return;
    this.#lastUsedWrites.set(accessKeyId, now);
    await this.#store.markAccessKeyUsed(accessKeyId, now);
  }

  /** @throws IamError ValidationError, EntityAlreadyExists. */
  async createGroup(input: { groupName: string; path?: string }): Promise<GroupRecord> {
    checkName("groupName", input.groupName);
    const group: GroupRecord = {
      groupName: input.groupName,
      groupId: `AGPA${this.#ids.secret(17, ID_ALPHABET)}`,
      path: checkPath(input.path),
      createdAt: this.#clock.now(),
    };
    if (!(await this.#store.createGroup(group)))
      throw new IamError("EntityAlreadyExists", `Group with name ${input.groupName} already exists.`);
    return group;
  }

  /** A group and its members. @throws IamError NoSuchEntity. */
  async getGroup(groupName: string): Promise<{ group: GroupRecord; users: UserRecord[] }> {
    const group = await this.#store.getGroup(groupName);
    if (!group) throw noSuchGroup(groupName);
    return { group, users: await this.#store.listGroupMembers(groupName) };
  }

  /** Groups by name, optionally only those under a path prefix. */
  async listGroups(pathPrefix?: string): Promise<GroupRecord[]> {
    return await this.#store.listGroups(pathPrefix);
  }

  /** @throws IamError NoSuchEntity, DeleteConflict (members, policies or attachments left). */
  async deleteGroup(groupName: string): Promise<void> {
    conflictOrMissing(await this.#store.deleteGroup(groupName), () => noSuchGroup(groupName));
  }

  /** Idempotent. @throws IamError NoSuchEntity (group or user). */
  async addUserToGroup(groupName: string, userName: string): Promise<void> {
    const outcome = await this.#store.addUserToGroup(groupName, userName);
    if (outcome === "no-group") throw noSuchGroup(groupName);
    if (outcome === "no-user") throw noSuchUser(userName);
  }

  /** @throws IamError NoSuchEntity (group, user, or the user is not a member). */
  async removeUserFromGroup(groupName: string, userName: string): Promise<void> {
    const member = (await this.#store.listGroupsForUser(userName)).some((g) => g.groupName === groupName);
    const outcome = await this.#store.removeUserFromGroup(groupName, userName);
    if (outcome === "no-group") throw noSuchGroup(groupName);
    if (outcome === "no-user" || !member) throw noSuchUser(userName);
  }

  /** The groups a user belongs to. @throws IamError NoSuchEntity. */
  async listGroupsForUser(userName: string): Promise<GroupRecord[]> {
    await this.getUser(userName);
    return await this.#store.listGroupsForUser(userName);
  }

  /**
   * Every policy that applies to the user: its inline policies, its attached managed policies,
   * and for each of its groups the group's inline and attached managed policies. Empty for an
   * unknown user. @throws IamError ServiceFailure when a stored document no longer parses (failing
   * closed: skipping it could drop a Deny).
   */
  async policiesFor(userName: string): Promise<PolicyDocument[]> {
    return await this.policies.policiesFor(userName);
  }

  /**
   * Makes sure the bootstrap administrator exists: creates the user `admin` with AdministratorAccess
   * attached when missing, and issues it a key regardless of the per-user quota (the
   * admin-credentials file is the recovery path).
   */
  async issueAdminKey(userName = "admin"): Promise<NewAccessKey> {
    await this.#ensureAdministrator(userName);
    return await this.createAccessKey(userName, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Seals and moves the plaintext keys of fleetrun versions before identities into IAM users; each
   * such key was an administrator's, so a user created for it gets AdministratorAccess. Returns how
   * many keys moved.
   */
  async importLegacyKeys(): Promise<number> {
    const legacy = await this.#store.legacyAccessKeys();
    for (const key of legacy) {
      await this.#ensureAdministrator(key.userName);
      const record = this.#sealedKey(key.accessKeyId, key.secretAccessKey, key.userName, key.createdAt);
      if ((await this.#store.getAccessKey(key.accessKeyId)) === undefined)
        await this.#store.createAccessKey(record, Number.MAX_SAFE_INTEGER);
      await this.#store.deleteLegacyAccessKey(key.accessKeyId);
    }
    return legacy.length;
  }

  async #ensureAdministrator(userName: string): Promise<void> {
    if (await this.#store.getUser(userName)) return;
    await this.createUser({ userName });
    await this.policies.attachPolicy({ kind: "user", name: userName }, ADMINISTRATOR_ACCESS_ARN);
  }

  #sealedKey(accessKeyId: string, secret: string, userName: string, createdAt: number): AccessKeyRecord {
    const sealed = this.#box.seal(secret, accessKeyId);
    return {
      accessKeyId,
      userName,
      status: "Active",
      secretCiphertext: sealed.ciphertext,
      secretNonce: sealed.nonce,
      createdAt,
    };
  }

  #open(key: AccessKeyRecord): string | undefined {
    return this.#box.open({ ciphertext: key.secretCiphertext, nonce: key.secretNonce }, key.accessKeyId);
  }
}

function noSuchKey(accessKeyId: string): IamError {
  return new IamError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`);
}

const CONFLICTS: Record<Exclude<DeletePrincipalOutcome, "deleted" | "not-found">, string> = {
  "has-access-keys": "Cannot delete entity, must delete access keys first.",
  "has-inline-policies": "Cannot delete entity, must delete policies first.",
  "has-attached-policies": "Cannot delete entity, must detach all policies first.",
  "has-groups": "Cannot delete entity, must remove user from all groups first.",
  "has-members": "Cannot delete entity, must remove users from group first.",
};

function conflictOrMissing(outcome: DeletePrincipalOutcome, notFound: () => IamError): void {
  if (outcome === "deleted") return;
  if (outcome === "not-found") throw notFound();
  throw new IamError("DeleteConflict", CONFLICTS[outcome]);
}
