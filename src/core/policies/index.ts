/**
 * IAM-style policies: parse and check documents, evaluate requests, build resource ARNs.
 */

export { accessDeniedMessage } from "./access-denied.ts";
export { SSM_ACTIONS, type SsmAction, ssmAction } from "./actions.ts";
export { commandArn, documentArn, ec2InstanceArn, managedInstanceArn, PARTITION } from "./arns.ts";
export { parsePolicy } from "./compile-policy.ts";
export { type AuthzRequest, type Decision, evaluate, mayEverAllow } from "./evaluate.ts";
export {
  type ConditionBlock,
  type ConditionValue,
  POLICY_VERSION,
  type PolicyDocument,
  type PolicyStatement,
} from "./policy-document.ts";
export type { ContextInput } from "./request-context.ts";
