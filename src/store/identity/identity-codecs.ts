import type { GroupRecord, ManagedPolicyRecord, UserRecord } from "../../core/identity/identity-records.ts";
import type { AccessKeyRecord } from "../../core/model.ts";
import { RowCodec } from "../row-codec.ts";

/** `UserRecord` ↔ `iam_users`. */
export const userCodec = new RowCodec<UserRecord>({
  userName: ["user_name", "plain"],
  userId: ["user_id", "plain"],
  path: ["path", "plain"],
  createdAt: ["created_at", "plain"],
  tags: ["tags", "json"],
});

/** `GroupRecord` ↔ `iam_groups`. */
export const groupCodec = new RowCodec<GroupRecord>({
  groupName: ["group_name", "plain"],
  groupId: ["group_id", "plain"],
  path: ["path", "plain"],
  createdAt: ["created_at", "plain"],
});

/** `AccessKeyRecord` ↔ `iam_access_keys`; a key never used has a NULL `last_used_at`. */
export const accessKeyCodec = new RowCodec<AccessKeyRecord>({
  accessKeyId: ["access_key_id", "plain"],
  userName: ["user_name", "plain"],
  status: ["status", "plain"],
  secretCiphertext: ["secret_ciphertext", "plain"],
  secretNonce: ["secret_nonce", "plain"],
  createdAt: ["created_at", "plain"],
  lastUsedAt: ["last_used_at", "optional"],
});

/** `ManagedPolicyRecord` ↔ `iam_managed_policies`. */
export const managedPolicyCodec = new RowCodec<ManagedPolicyRecord>({
  policyName: ["policy_name", "plain"],
  policyId: ["policy_id", "plain"],
  arn: ["arn", "plain"],
  path: ["path", "plain"],
  description: ["description", "plain"],
  document: ["document", "plain"],
  createdAt: ["created_at", "plain"],
  updatedAt: ["updated_at", "plain"],
  tags: ["tags", "json"],
});
