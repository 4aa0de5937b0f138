import type { GroupRecord, ManagedPolicyRecord, UserRecord } from "../../core/identity/identity-records.ts";
import type { AccessKeyRecord } from "../../core/model.ts";
import { T0 } from "./fixtures.ts";

/** A user with every field set. */
export function aUser(userName: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    userName,
    userId: `AIDA${userName.toUpperCase().padEnd(17, "X")}`,
    path: "/",
    createdAt: T0,
    tags: [{ Key: "team", Value: "ops" }],
    ...overrides,
  };
}

/** A group with every field set. */
export function aGroup(groupName: string, overrides: Partial<GroupRecord> = {}): GroupRecord {
  return {
    groupName,
    groupId: `AGPA${groupName.toUpperCase().padEnd(17, "X")}`,
    path: "/",
    createdAt: T0,
    ...overrides,
  };
}

/** An Active access key of `userName` (the "sealed" secret is opaque to the store). */
export function aKey(accessKeyId: string, userName: string, overrides: Partial<AccessKeyRecord> = {}): AccessKeyRecord {
  return {
    accessKeyId,
    userName,
    status: "Active",
    secretCiphertext: `c-${accessKeyId}`,
    secretNonce: `n-${accessKeyId}`,
    createdAt: T0,
    ...overrides,
  };
}

/** A customer managed policy. */
export function aPolicy(policyName: string, overrides: Partial<ManagedPolicyRecord> = {}): ManagedPolicyRecord {
  return {
    policyName,
    policyId: `ANPA${policyName.toUpperCase().padEnd(17, "X")}`,
    arn: `arn:aws:iam::123456789012:policy/${policyName}`,
    path: "/",
    description: "",
    document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:*","Resource":"*"}]}',
    createdAt: T0,
    updatedAt: T0,
    tags: [],
    ...overrides,
  };
}

/** A policy document (the store keeps it as text, unparsed). */
export const DOC = '{"Statement":{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}}';
