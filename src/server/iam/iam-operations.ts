import type { IamHandler } from "./iam-context.ts";
import { ACCESS_KEY_OPERATIONS } from "./ops/access-key-ops.ts";
import { GROUP_OPERATIONS } from "./ops/group-ops.ts";
import { INLINE_POLICY_OPERATIONS } from "./ops/inline-policy-ops.ts";
import { MANAGED_POLICY_OPERATIONS } from "./ops/managed-policy-ops.ts";
import { USER_OPERATIONS } from "./ops/user-ops.ts";

/** Every IAM operation fleetrun serves, by name. */
export const IAM_OPERATIONS: Readonly<Record<string, IamHandler>> = Object.freeze({
  ...USER_OPERATIONS,
  ...ACCESS_KEY_OPERATIONS,
  ...GROUP_OPERATIONS,
  ...INLINE_POLICY_OPERATIONS,
  ...MANAGED_POLICY_OPERATIONS,
});

/** The handler of an operation, if fleetrun serves it. */
export function iamHandler(operation: string): IamHandler | undefined {
  return Object.hasOwn(IAM_OPERATIONS, operation) ? IAM_OPERATIONS[operation] : undefined;
}
