/**
 * Kysely table types of the identity tables (migration 003). `principal_kind` is `user` or
 * `group`; `tags` is a JSON array of `{Key, Value}`. The legacy `access_keys` table (plaintext
 * secrets, before identities) is only read once, to seal and move its keys.
 */

/** `iam_users`. */
export interface IamUsersTable {
  user_name: string;
  user_id: string;
  path: string;
  created_at: number;
  tags: string;
}

/** `iam_groups`. */
export interface IamGroupsTable {
  group_name: string;
  group_id: string;
  path: string;
  created_at: number;
}

/** `iam_group_members`: one row per (group, user). */
export interface IamGroupMembersTable {
  group_name: string;
  user_name: string;
}

/** `iam_access_keys`: secrets only sealed (ciphertext + nonce). */
export interface IamAccessKeysTable {
  access_key_id: string;
  user_name: string;
  status: string;
  secret_ciphertext: string;
  secret_nonce: string;
  created_at: number;
  last_used_at: number | null;
}

/** `iam_inline_policies`: one row per (principal, policy name). */
export interface IamInlinePoliciesTable {
  principal_kind: string;
  principal_name: string;
  policy_name: string;
  document: string;
}

/** `iam_managed_policies`: customer managed policies (AWS managed ones are built in). */
export interface IamManagedPoliciesTable {
  arn: string;
  policy_name: string;
  policy_id: string;
  path: string;
  description: string;
  document: string;
  created_at: number;
  updated_at: number;
  tags: string;
}

/** `iam_policy_attachments`: one row per (principal, managed policy ARN). */
export interface IamPolicyAttachmentsTable {
  principal_kind: string;
  principal_name: string;
  policy_arn: string;
}

/** The identity tables, merged into the store's `Database`. */
export interface IdentityTables {
  iam_users: IamUsersTable;
  iam_groups: IamGroupsTable;
  iam_group_members: IamGroupMembersTable;
  iam_access_keys: IamAccessKeysTable;
  iam_inline_policies: IamInlinePoliciesTable;
  iam_managed_policies: IamManagedPoliciesTable;
  iam_policy_attachments: IamPolicyAttachmentsTable;
}
