/**
 * One condition (operator + context key + policy values) against a request: the AWS rules for
 * missing keys, negated operators, `IfExists` and the `ForAnyValue:` / `ForAllValues:` set operators.
 */

import type { ConditionOperator, ValueMatcher } from "./condition-operators.ts";
import type { RequestContext } from "./request-context.ts";

/** A compiled condition: every condition of a statement must hold. */
export interface CompiledCondition {
  readonly operator: ConditionOperator;
  readonly key: string;
  /** The policy values; the condition matches a request value when any of them does. */
  readonly values: readonly ValueMatcher[];
}

/**
 * Evaluates the condition. A missing key (or an empty list) makes a plain positive operator false
 * and a plain negated operator true; `IfExists` and `ForAllValues:` make it true; `ForAnyValue:`
 * makes it false. A policy variable without a value fails the condition.
 */
export function conditionHolds(c: CompiledCondition, ctx: RequestContext): boolean {
  const { base, set, ifExists } = c.operator;
  const requestValues = ctx.values(c.key);
  const present = requestValues !== undefined && requestValues.length > 0;
  if (base.kind === "Null") return c.values.some((m) => m(present ? "false" : "true", ctx.lookup) === true);
  if (!present) {
    if (set === "ForAllValues" || ifExists) return true;
    return set === undefined && base.negated;
  }
  const hits: boolean[] = [];
  for (const v of requestValues) {
    let matched = false;
    for (const m of c.values) {
      const r = m(v, ctx.lookup);
      if (r === undefined) return false;
      matched ||= r;
    }
    hits.push(base.negated ? !matched : matched);
  }
  if (set === "ForAllValues" || (set === undefined && base.negated)) return hits.every(Boolean);
  return hits.some(Boolean);
}
