import type {
  GroupRecord,
  InlinePolicyRecord,
  ManagedPolicyRecord,
  PrincipalRef,
  UserRecord,
} from "../identity/identity-records.ts";
import type { AccessKeyRecord, AccessKeyStatus } from "../model.ts";

/** Why a user or group could not be deleted (IAM's DeleteConflict), or that it was / did not exist. */
export type DeletePrincipalOutcome =
  | "deleted"
  | "not-found"
  | "has-access-keys"
  | "has-inline-policies"
  | "has-attached-policies"
  | "has-groups"
  | "has-members";

/** Outcome of adding an access key. */
export type CreateAccessKeyOutcome = "created" | "no-user" | "limit-exceeded";

/** Outcome of changing a group's membership. */
export type MembershipOutcome = "done" | "no-user" | "no-group";

/** A key from before identities existed: plaintext secret, to be sealed and moved at start-up. */
export interface LegacyAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  createdAt: number;
}

/**
 * The identity part of the Store: IAM users, groups, memberships, access keys, inline policies,
 * customer managed policies and attachments. Every method is atomic; lists are complete and
 * ordered by name (keys by creation time, then id), since IAM accounts are small.
 */
export interface IdentityStore {
  /** False when a user of that name exists. */
  createUser(user: UserRecord): Promise<boolean>;
  getUser(userName: string): Promise<UserRecord | undefined>;
  /** Users whose path starts with `pathPrefix`. */
  listUsers(pathPrefix?: string): Promise<UserRecord[]>;
  /** Refuses (without change) while the user has access keys, policies, attachments or groups, in that order. */
  deleteUser(userName: string): Promise<DeletePrincipalOutcome>;

  /** Adds a key unless the user is missing or already has `maxPerUser` keys. */
  createAccessKey(key: AccessKeyRecord, maxPerUser: number): Promise<CreateAccessKeyOutcome>;
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** Oldest first. */
  listAccessKeys(userName: string): Promise<AccessKeyRecord[]>;
  /** False when the user has no key of that id. */
  setAccessKeyStatus(userName: string, accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  /** Records a use of the key (IAM's LastUsed); unknown ids are ignored. */
  markAccessKeyUsed(accessKeyId: string, at: number): Promise<void>;
  /** False when the user has no key of that id. */
  deleteAccessKey(userName: string, accessKeyId: string): Promise<boolean>;

  /** False when a group of that name exists. */
  createGroup(group: GroupRecord): Promise<boolean>;
  getGroup(groupName: string): Promise<GroupRecord | undefined>;
  listGroups(pathPrefix?: string): Promise<GroupRecord[]>;
  /** Refuses (without change) while the group has members, policies or attachments, in that order. */
  deleteGroup(groupName: string): Promise<DeletePrincipalOutcome>;
  /** Idempotent. */
  addUserToGroup(groupName: string, userName: string): Promise<MembershipOutcome>;
  /** Idempotent: removing a non-member is "done". */
  removeUserFromGroup(groupName: string, userName: string): Promise<MembershipOutcome>;
  listGroupsForUser(userName: string): Promise<GroupRecord[]>;
  listGroupMembers(groupName: string): Promise<UserRecord[]>;

  /** Adds or replaces; false when the principal does not exist. */
  putInlinePolicy(principal: PrincipalRef, policy: InlinePolicyRecord): Promise<boolean>;
  getInlinePolicy(principal: PrincipalRef, policyName: string): Promise<InlinePolicyRecord | undefined>;
  listInlinePolicies(principal: PrincipalRef): Promise<InlinePolicyRecord[]>;
  deleteInlinePolicy(principal: PrincipalRef, policyName: string): Promise<boolean>;

  /** False when a customer managed policy of that name exists. */
  createManagedPolicy(policy: ManagedPolicyRecord): Promise<boolean>;
  getManagedPolicy(arn: string): Promise<ManagedPolicyRecord | undefined>;
  listManagedPolicies(): Promise<ManagedPolicyRecord[]>;
  /** "has-attached-policies" while it is attached to anyone. */
  deleteManagedPolicy(arn: string): Promise<"deleted" | "not-found" | "has-attached-policies">;
  /** Idempotent; false when the principal does not exist. The caller checks the policy exists. */
  attachPolicy(principal: PrincipalRef, policyArn: string): Promise<boolean>;
  /** False when the policy was not attached. */
  detachPolicy(principal: PrincipalRef, policyArn: string): Promise<boolean>;
  /** ARNs of the policies attached to the principal, ordered. */
  listAttachedPolicies(principal: PrincipalRef): Promise<string[]>;
  /** Number of attachments of every attached policy ARN. */
  attachmentCounts(): Promise<Map<string, number>>;

  /** Keys stored in plaintext by fleetrun versions before identities (to be sealed and moved). */
  legacyAccessKeys(): Promise<LegacyAccessKey[]>;
  deleteLegacyAccessKey(accessKeyId: string): Promise<void>;
}
