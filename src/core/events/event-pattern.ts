/**
 * EventBridge event patterns, compiled: `{"source": ["fleetrun"], "detail": {"status": [...]}}`.
 * Each key names a field; an object recurses into it, an array lists the ways its value may match
 * (any one will do). Matching lives in match-event-pattern.ts.
 */

/** A JSON scalar an exact or anything-but matcher compares with. */
export type PatternScalar = string | number | boolean | null;

/** A numeric comparison operator of `{"numeric": [...]}`. */
export type NumericOperator = "=" | "<" | "<=" | ">" | ">=";

/** One way a leaf value may match. */
export type ValueMatcher =
  | { kind: "exact"; value: PatternScalar }
  | { kind: "prefix"; value: string }
  | { kind: "suffix"; value: string }
  | { kind: "equals-ignore-case"; value: string }
  | { kind: "anything-but"; values: PatternScalar[] }
  | { kind: "anything-but-prefix"; value: string }
  | { kind: "anything-but-suffix"; value: string }
  | { kind: "numeric"; conditions: Array<{ op: NumericOperator; value: number }> }
  | { kind: "exists"; value: boolean };

/** A compiled pattern node: a leaf (matchers, OR-ed) or an object (fields, AND-ed). */
export type PatternNode =
  | { kind: "leaf"; matchers: ValueMatcher[] }
  | { kind: "object"; fields: Array<[string, PatternNode]> };

/** A compiled event pattern: the root object node. */
export type EventPattern = Extract<PatternNode, { kind: "object" }>;

/** Why a pattern was refused; the message names the offending field. */
export class EventPatternError extends Error {
  override readonly name = "EventPatternError";
}

/** Longest pattern text accepted (EventBridge allows 4096 characters too). */
export const MAX_PATTERN_LENGTH = 4096;
const MAX_DEPTH = 10;
const OPERATORS = new Set<string>(["=", "<", "<=", ">", ">="]);

/**
 * Parses and validates a pattern given as JSON text (or an already parsed value).
 * @throws EventPatternError naming the first problem.
 */
export function compileEventPattern(pattern: unknown): EventPattern {
  let value = pattern;
  if (typeof pattern === "string") {
    if (pattern.length > MAX_PATTERN_LENGTH) {
      throw new EventPatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
    }
    try {
      value = JSON.parse(pattern);
    } catch {
      throw new EventPatternError("the pattern is not valid JSON");
    }
  }
  if (!isObject(value)) throw new EventPatternError("the pattern must be a JSON object");
  const root = compileObject(value, "", 0);
  if (root.fields.length === 0) {
    throw new EventPatternError('the pattern is empty; to match every event use {"source": [{"prefix": ""}]}');
  }
  return root;
}

function compileObject(value: Record<string, unknown>, path: string, depth: number): EventPattern {
  if (depth > MAX_DEPTH) throw new EventPatternError(`the pattern nests deeper than ${MAX_DEPTH} levels at ${path}`);
  const fields: Array<[string, PatternNode]> = [];
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(child)) fields.push([key, compileLeaf(child, at)]);
    else if (isObject(child)) {
      const nested = compileObject(child, at, depth + 1);
      if (nested.fields.length === 0) throw new EventPatternError(`${at} is an empty object`);
      fields.push([key, nested]);
    } else throw new EventPatternError(`${at} must be an array of values or an object of fields`);
  }
  return { kind: "object", fields };
}

function compileLeaf(values: unknown[], at: string): PatternNode {
  if (values.length === 0) throw new EventPatternError(`${at} is an empty array, which would match nothing`);
  return { kind: "leaf", matchers: values.map((v) => compileMatcher(v, at)) };
}

function compileMatcher(value: unknown, at: string): ValueMatcher {
  if (isScalar(value)) return { kind: "exact", value };
  if (!isObject(value)) throw new EventPatternError(`${at} holds an array; use values or matcher objects`);
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new EventPatternError(`${at}: a matcher object has exactly one key (prefix, numeric, anything-but, ...)`);
  }
  const [kind, arg] = entry;
  switch (kind) {
    case "prefix":
    case "suffix":
    case "equals-ignore-case":
      return { kind, value: stringArg(arg, `${at}: ${kind}`) };
    case "exists":
      if (typeof arg !== "boolean") throw new EventPatternError(`${at}: exists takes true or false`);
      return { kind: "exists", value: arg };
    case "numeric":
      return { kind: "numeric", conditions: numericConditions(arg, at) };
    case "anything-but":
      return anythingBut(arg, at);
    default:
      throw new EventPatternError(`${at}: unknown matcher "${kind}"`);
  }
}

function anythingBut(arg: unknown, at: string): ValueMatcher {
  if (isScalar(arg)) return { kind: "anything-but", values: [arg] };
  if (Array.isArray(arg)) {
    if (arg.length === 0 || !arg.every(isScalar)) {
      throw new EventPatternError(`${at}: anything-but takes a value, a non-empty array of values, or {prefix}`);
    }
    return { kind: "anything-but", values: arg };
  }
  if (isObject(arg)) {
    const entries = Object.entries(arg);
    const [entry] = entries;
    if (entries.length === 1 && entry !== undefined && (entry[0] === "prefix" || entry[0] === "suffix")) {
      const value = stringArg(entry[1], `${at}: anything-but ${entry[0]}`);
      return { kind: entry[0] === "prefix" ? "anything-but-prefix" : "anything-but-suffix", value };
    }
  }
  throw new EventPatternError(`${at}: anything-but takes a value, an array of values, {prefix} or {suffix}`);
}

/** `[">", 0, "<=", 5]`: one or two (operator, number) pairs; two pairs bound the value from both sides. */
function numericConditions(arg: unknown, at: string): Array<{ op: NumericOperator; value: number }> {
  const shape = `${at}: numeric takes ["<op>", number] or [">"|">=", low, "<"|"<=", high]`;
  if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) throw new EventPatternError(shape);
  const conditions: Array<{ op: NumericOperator; value: number }> = [];
  for (let i = 0; i < arg.length; i += 2) {
    const op: unknown = arg[i];
    const value: unknown = arg[i + 1];
    if (typeof op !== "string" || !OPERATORS.has(op) || typeof value !== "number" || !Number.isFinite(value)) {
      throw new EventPatternError(shape);
    }
    conditions.push({ op: op as NumericOperator, value });
  }
  const [low, high] = conditions;
  if (high !== undefined && low !== undefined) {
    const bounded = (low.op === ">" || low.op === ">=") && (high.op === "<" || high.op === "<=");
    if (!bounded || low.value >= high.value) throw new EventPatternError(shape);
  }
  return conditions;
}

function stringArg(arg: unknown, what: string): string {
  if (typeof arg !== "string") throw new EventPatternError(`${what} takes a string`);
  return arg;
}

function isScalar(value: unknown): value is PatternScalar {
  return value === null || typeof value === "string" || typeof value === "boolean" || Number.isFinite(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
