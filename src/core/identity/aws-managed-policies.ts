/**
 * The AWS managed policies fleetrun ships: read-only, attachable, listed under Scope `AWS`. A small
 * set covering what fleetrun serves (SSM Run Command, IAM, CloudTrail), named as in AWS but scoped
 * to fleetrun's APIs:
 *
 * | name | allows |
 * |---|---|
 * | AdministratorAccess | everything (`*` on `*`) |
 * | ReadOnlyAccess | `ssm:`/`iam:`/`cloudtrail:` `Describe*`, `Get*`, `List*`, `cloudtrail:LookupEvents` |
 * | AmazonSSMFullAccess | `ssm:*` |
 * | AmazonSSMReadOnlyAccess | `ssm:Describe*`, `ssm:Get*`, `ssm:List*` |
 * | IAMFullAccess | `iam:*` |
 * | IAMReadOnlyAccess | `iam:Get*`, `iam:List*` |
 */

import { AWS_ACCOUNT, policyArn } from "./iam-names.ts";
import type { ManagedPolicyRecord } from "./identity-records.ts";

/** When fleetrun's AWS managed policies were "created" (fixed, so listings are stable). */
const CREATED = Date.UTC(2024, 0, 1);

function builtin(name: string, policyId: string, description: string, actions: string[]): ManagedPolicyRecord {
  const document = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: actions.length === 1 ? actions[0] : actions, Resource: "*" }],
  });
  return {
    policyName: name,
    policyId,
    arn: policyArn(AWS_ACCOUNT, name),
    path: "/",
    description,
    document,
    createdAt: CREATED,
    updatedAt: CREATED,
    tags: [],
  };
}

const READ = ["Describe*", "Get*", "List*"];

/** Every AWS managed policy, ordered by name. */
export const AWS_MANAGED_POLICIES: readonly ManagedPolicyRecord[] = Object.freeze([
  builtin("AdministratorAccess", "ANPAFLEETRUNADMINACCESS", "Provides full access to fleetrun.", ["*"]),
  builtin("AmazonSSMFullAccess", "ANPAFLEETRUNSSMFULLACCESS", "Provides full access to the SSM API.", ["ssm:*"]),
  builtin(
    "AmazonSSMReadOnlyAccess",
    "ANPAFLEETRUNSSMREADONLY",
    "Provides read-only access to the SSM API.",
    READ.map((a) => `ssm:${a}`),
  ),
  builtin("IAMFullAccess", "ANPAFLEETRUNIAMFULLACCESS", "Provides full access to IAM.", ["iam:*"]),
  builtin(
    "IAMReadOnlyAccess",
    "ANPAFLEETRUNIAMREADONLY",
    "Provides read-only access to IAM.",
    READ.map((a) => `iam:${a}`),
  ),
  builtin("ReadOnlyAccess", "ANPAFLEETRUNREADONLYACCESS", "Provides read-only access to fleetrun.", [
    ...["ssm", "iam", "cloudtrail"].flatMap((s) => READ.map((a) => `${s}:${a}`)),
    "cloudtrail:LookupEvents",
  ]),
]);

/** The ARN of the administrator policy the bootstrap user gets. */
export const ADMINISTRATOR_ACCESS_ARN = policyArn(AWS_ACCOUNT, "AdministratorAccess");

/** The AWS managed policy with this ARN, if fleetrun ships it. */
export function awsManagedPolicy(arn: string): ManagedPolicyRecord | undefined {
  return AWS_MANAGED_POLICIES.find((p) => p.arn === arn);
}
