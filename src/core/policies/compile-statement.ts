/**
 * Checks one policy statement against the IAM grammar and compiles it for evaluation. Problems are
 * reported as strings; compile-policy.ts turns them into errors naming the statement.
 */

import { compileValue, parseOperator } from "./condition-operators.ts";
import type { CompiledCondition } from "./evaluate-condition.ts";
import { type GlobToken, globTokens } from "./glob.ts";
import { compileTemplate, type Template } from "./policy-template.ts";

/** A statement ready to evaluate. */
export interface CompiledStatement {
  /** The Sid, or the statement's index in its policy when it has none. */
  readonly label: string;
  readonly effect: "Allow" | "Deny";
  /** True for NotAction. */
  readonly notAction: boolean;
  readonly actions: readonly GlobToken[][];
  /** True for NotResource. */
  readonly notResource: boolean;
  readonly resources: readonly Template[];
  readonly conditions: readonly CompiledCondition[];
}

/** A grammar problem in a statement. */
export class StatementProblem {
  constructor(readonly message: string) {}
}

const KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const ACTION = /^(\*|[\w*?.-]+:[\w*?.-]+)$/;

/** Compiles a statement; throws StatementProblem. `variables` enables `${...}` (Version 2012-10-17). */
export function compileStatement(raw: unknown, index: number, variables: boolean): CompiledStatement {
  if (!isObject(raw)) throw new StatementProblem("must be a JSON object");
  for (const key of Object.keys(raw)) {
    if (key === "Principal" || key === "NotPrincipal")
      throw new StatementProblem(`${key} is not allowed in an identity-based policy`);
    if (!KEYS.includes(key)) throw new StatementProblem(`unknown key "${key}" (expected one of ${KEYS.join(", ")})`);
  }
  const sid = raw.Sid;
  if (sid !== undefined && (typeof sid !== "string" || !/^[A-Za-z0-9]*$/.test(sid)))
    throw new StatementProblem("Sid must be a string of letters and digits");
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny")
    throw new StatementProblem(`Effect must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect) ?? "nothing"}`);
  const [notAction, actionList] = oneOf(raw, "Action", "NotAction");
  const [notResource, resourceList] = oneOf(raw, "Resource", "NotResource");
  for (const a of actionList)
    if (!ACTION.test(a))
      throw new StatementProblem(`action "${a}" must be "*" or "<service>:<action>", e.g. "ssm:Get*"`);
  for (const r of resourceList) checkResource(r);
  return {
    label: typeof sid === "string" && sid !== "" ? sid : String(index),
    effect: raw.Effect,
    notAction,
    actions: actionList.map(globTokens),
    notResource,
    resources: resourceList.map((r) => compileTemplate(r, variables)),
    conditions: raw.Condition === undefined ? [] : compileConditions(raw.Condition, variables),
  };
}

function oneOf(raw: Record<string, unknown>, positive: string, negative: string): [boolean, string[]] {
  const p = raw[positive];
  const n = raw[negative];
  if (p !== undefined && n !== undefined) throw new StatementProblem(`has both ${positive} and ${negative}`);
  if (p === undefined && n === undefined) throw new StatementProblem(`needs ${positive} or ${negative}`);
  const name = p === undefined ? negative : positive;
  return [p === undefined, stringList(p ?? n, name)];
}

function stringList(value: unknown, name: string): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === "string" && v !== ""))
    throw new StatementProblem(`${name} must be a non-empty string or a non-empty list of non-empty strings`);
  return list;
}

function checkResource(r: string): void {
  if (r === "*") return;
  if (r.startsWith("arn:") && (r.split(":").length >= 6 || r.endsWith("*"))) return;
  throw new StatementProblem(
    `resource "${r}" must be "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)`,
  );
}

function compileConditions(raw: unknown, variables: boolean): CompiledCondition[] {
  if (!isObject(raw)) throw new StatementProblem("Condition must be a JSON object of operators");
  const out: CompiledCondition[] = [];
  for (const [name, body] of Object.entries(raw)) {
    const operator = parseOperator(name);
    if (typeof operator === "string") throw new StatementProblem(operator);
    if (!isObject(body) || Object.keys(body).length === 0)
      throw new StatementProblem(`condition "${name}" must map context keys to values`);
    for (const [key, value] of Object.entries(body)) {
      if (!/^[^:\s]+:\S/.test(key))
        throw new StatementProblem(`condition key "${key}" must be "<prefix>:<name>", e.g. "aws:SourceIp"`);
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0) throw new StatementProblem(`condition "${name}" key "${key}" has no values`);
      const values = list.map((v) => {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
          throw new StatementProblem(`condition "${name}" key "${key}": values must be strings, numbers or booleans`);
        const m = compileValue(operator.base, String(v), variables);
        if (typeof m === "string") throw new StatementProblem(`condition "${name}" key "${key}": ${m}`);
        return m;
      });
      out.push({ operator, key, values });
    }
  }
  return out;
}

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
