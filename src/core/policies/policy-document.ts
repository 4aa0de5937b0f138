/**
 * The IAM policy grammar as parsed JSON: what users write with `put-user-policy` and
 * `create-policy`, identity policies only (no `Principal`).
 */

/** A condition value as written: IAM accepts strings, numbers and booleans, alone or in a list. */
export type ConditionValue = string | number | boolean;

/** `{ "<Operator>": { "<context key>": value | value[] } }`; every operator and every key must hold. */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

/** One statement: exactly one of Action/NotAction and one of Resource/NotResource. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

/** A whole policy document. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** The grammar version that enables `${...}` policy variables; older or absent versions take them literally. */
export const POLICY_VERSION = "2012-10-17";
