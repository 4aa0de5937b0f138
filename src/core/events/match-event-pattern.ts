import type { EventPattern, PatternNode, PatternScalar, ValueMatcher } from "./event-pattern.ts";

/** Marks a field the event does not have (distinct from a field that holds `null`). */
const ABSENT: unique symbol = Symbol("absent");
type Field = unknown | typeof ABSENT;

/**
 * Whether `event` matches `pattern`, with EventBridge's rules: every field the pattern names must
 * match (fields it does not name are ignored); a leaf matches when any of its matchers does; when
 * the event holds an array, any element may match. `exists: false` is the only matcher an absent
 * field satisfies, and `anything-but` never matches an absent field.
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(node: EventPattern, value: unknown): boolean {
  const record = isRecord(value) ? value : undefined;
  return node.fields.every(([key, child]) =>
    matchNode(child, record !== undefined && Object.hasOwn(record, key) ? record[key] : ABSENT),
  );
}

function matchNode(node: PatternNode, value: Field): boolean {
  if (node.kind === "object") {
    if (Array.isArray(value)) return value.some((element) => matchObject(node, element));
    return matchObject(node, value === ABSENT ? undefined : value);
  }
  return node.matchers.some((matcher) => matchLeaf(matcher, value));
}

function matchLeaf(matcher: ValueMatcher, value: Field): boolean {
  if (matcher.kind === "exists") return matcher.value === (value !== ABSENT && !isRecord(value));
  if (value === ABSENT) return false;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.some((v) => matchValue(matcher, v));
}

function matchValue(matcher: Exclude<ValueMatcher, { kind: "exists" }>, value: unknown): boolean {
  switch (matcher.kind) {
    case "exact":
      return same(matcher.value, value);
    case "prefix":
      return typeof value === "string" && value.startsWith(matcher.value);
    case "suffix":
      return typeof value === "string" && value.endsWith(matcher.value);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === matcher.value.toLowerCase();
    case "anything-but":
      return !isRecord(value) && !matcher.values.some((v) => same(v, value));
    case "anything-but-prefix":
      return typeof value === "string" && !value.startsWith(matcher.value);
    case "anything-but-suffix":
      return typeof value === "string" && !value.endsWith(matcher.value);
    case "numeric":
      return typeof value === "number" && matcher.conditions.every((c) => compare(value, c.op, c.value));
  }
}

/** Exact equality of JSON scalars: numbers by value (5 matches 5.0), never across types ("5" is not 5). */
function same(expected: PatternScalar, value: unknown): boolean {
  return expected === value;
}

function compare(value: number, op: string, bound: number): boolean {
  switch (op) {
    case "=":
      return value === bound;
    case "<":
      return value < bound;
    case "<=":
      return value <= bound;
    case ">":
      return value > bound;
    default:
      return value >= bound;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
