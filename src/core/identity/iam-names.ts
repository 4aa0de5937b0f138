/**
 * IAM naming rules and ARNs: the name and path patterns of the IAM model, and the ARN of every
 * principal and policy as AWS writes it.
 */

import type { PrincipalRef } from "./identity-records.ts";

/** User, group and policy names: `[\w+=,.@-]`, 1 to 64 (users) or 128 (groups, policies) characters. */
export const NAME_PATTERN = /^[\w+=,.@-]+$/;
/** A path: `/` alone, or `/` + printable ASCII + `/`. */
export const PATH_PATTERN = /^(\/|\/[\u0021-\u007f]+\/)$/;
/** Longest user name IAM accepts. */
export const MAX_USER_NAME = 64;
/** Longest group and policy name IAM accepts. */
export const MAX_NAME = 128;
/** Access keys a user may have at once (IAM's quota). */
export const MAX_ACCESS_KEYS_PER_USER = 2;
/** The account segment of AWS managed policies' ARNs. */
export const AWS_ACCOUNT = "aws";

/** Whether `name` is a valid user (`max` 64) or group/policy (`max` 128) name. */
export function isValidName(name: string, max: number): boolean {
  return name.length >= 1 && name.length <= max && NAME_PATTERN.test(name);
}

/** Whether `path` is a valid IAM path (at most 512 characters). */
export function isValidPath(path: string): boolean {
  return path.length <= 512 && PATH_PATTERN.test(path);
}

/** `arn:aws:iam::<account>:user<path><name>`. */
export function userArn(account: string, name: string, path = "/"): string {
  return `arn:aws:iam::${account}:user${path}${name}`;
}

/** `arn:aws:iam::<account>:group<path><name>`. */
export function groupArn(account: string, name: string, path = "/"): string {
  return `arn:aws:iam::${account}:group${path}${name}`;
}

/** `arn:aws:iam::<account>:policy<path><name>`; `account` is `aws` for AWS managed policies. */
export function policyArn(account: string, name: string, path = "/"): string {
  return `arn:aws:iam::${account}:policy${path}${name}`;
}

/** The ARN of a principal (path `/`: callers that know the path use userArn / groupArn). */
export function principalArn(account: string, principal: PrincipalRef, path = "/"): string {
  return principal.kind === "user" ? userArn(account, principal.name, path) : groupArn(account, principal.name, path);
}

/** The account, path and name of a policy ARN, or undefined when it is not one. */
export function parsePolicyArn(arn: string): { account: string; path: string; name: string } | undefined {
  const m = /^arn:aws:iam::([0-9]{12}|aws):policy(\/(?:[\u0021-\u007f]*\/)?)([\w+=,.@-]+)$/.exec(arn);
  if (!m) return undefined;
  return { account: m[1] ?? "", path: m[2] ?? "/", name: m[3] ?? "" };
}
