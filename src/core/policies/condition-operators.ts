/**
 * The IAM condition operators fleetrun supports: their names (with the `ForAnyValue:` /
 * `ForAllValues:` prefixes and the `IfExists` suffix), how a policy value is checked when the policy
 * is parsed, and how it is compared with a request value.
 */

import { arnMatch, globMatch } from "./glob.ts";
import { cidrContains, parseCidr, parseIp } from "./ip-address.ts";
import { compileTemplate, renderGlob, renderText, type VariableLookup } from "./policy-template.ts";

type Kind = "String" | "StringIgnoreCase" | "StringLike" | "Numeric" | "Date" | "Bool" | "Ip" | "Arn" | "Null";
type Comparison = "eq" | "lt" | "le" | "gt" | "ge";

interface BaseOperator {
  readonly name: string;
  readonly kind: Kind;
  /** A negated operator (StringNotEquals, NotIpAddress, ...) holds when no policy value matches. */
  readonly negated: boolean;
  readonly comparison: Comparison;
}

const BASES: readonly BaseOperator[] = [
  ...(["String", "StringIgnoreCase"] as const).flatMap((kind) => {
    const suffix = kind === "String" ? "" : "IgnoreCase";
    return [op(`StringEquals${suffix}`, kind), op(`StringNotEquals${suffix}`, kind, true)];
  }),
  op("StringLike", "StringLike"),
  op("StringNotLike", "StringLike", true),
  ...(["Numeric", "Date"] as const).flatMap((kind) => [
    op(`${kind}Equals`, kind),
    op(`${kind}NotEquals`, kind, true),
    op(`${kind}LessThan`, kind, false, "lt"),
    op(`${kind}LessThanEquals`, kind, false, "le"),
    op(`${kind}GreaterThan`, kind, false, "gt"),
    op(`${kind}GreaterThanEquals`, kind, false, "ge"),
  ]),
  op("Bool", "Bool"),
  op("IpAddress", "Ip"),
  op("NotIpAddress", "Ip", true),
  op("ArnEquals", "Arn"),
  op("ArnLike", "Arn"),
  op("ArnNotEquals", "Arn", true),
  op("ArnNotLike", "Arn", true),
  op("Null", "Null"),
];

function op(name: string, kind: Kind, negated = false, comparison: Comparison = "eq"): BaseOperator {
  return { name, kind, negated, comparison };
}

const BY_NAME = new Map(BASES.map((b) => [b.name.toLowerCase(), b]));

/** A parsed operator name such as `ForAllValues:StringLikeIfExists`. */
export interface ConditionOperator {
  readonly base: BaseOperator;
  readonly set: "ForAnyValue" | "ForAllValues" | undefined;
  readonly ifExists: boolean;
}

/** Parses an operator name (case-insensitively); a string describing the problem when it is not one. */
export function parseOperator(name: string): ConditionOperator | string {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(.*?)(IfExists)?$/i.exec(name);
  const base = BY_NAME.get((m?.[2] ?? "").toLowerCase());
  if (m === null || base === undefined) return `unknown condition operator "${name}"`;
  const set = m[1] === undefined ? undefined : m[1].toLowerCase() === "foranyvalue" ? "ForAnyValue" : "ForAllValues";
  if (base.kind === "Null" && (set !== undefined || m[3] !== undefined))
    return `condition operator "${name}": Null takes no ForAnyValue/ForAllValues prefix and no IfExists suffix`;
  return { base, set, ifExists: m[3] !== undefined };
}

/**
 * Compares one request value with one policy value: true or false, or undefined when a policy
 * variable in the value has no value in the request (AWS then fails the whole condition).
 */
export type ValueMatcher = (requestValue: string, lookup: VariableLookup) => boolean | undefined;

/** Compiles one policy value for the operator; a string describing the problem when it is invalid. */
export function compileValue(base: BaseOperator, value: string, variables: boolean): ValueMatcher | string {
  switch (base.kind) {
    case "String":
    case "StringIgnoreCase": {
      const t = compileTemplate(value, variables);
      const fold = base.kind === "StringIgnoreCase" ? (s: string) => s.toLowerCase() : (s: string) => s;
      return (v, lookup) => {
        const want = renderText(t, lookup);
        return want === undefined ? undefined : fold(want) === fold(v);
      };
    }
    case "StringLike":
    case "Arn": {
      const t = compileTemplate(value, variables);
      const match = base.kind === "Arn" ? arnMatch : globMatch;
      return (v, lookup) => {
        const tokens = renderGlob(t, lookup);
        return tokens === undefined ? undefined : match(tokens, v);
      };
    }
    case "Numeric":
    case "Date": {
      const parse = base.kind === "Numeric" ? parseNumber : parseDate;
      const want = parse(value);
      if (want === undefined) return `"${value}" is not a ${base.kind === "Numeric" ? "number" : "date"}`;
      return (v) => {
        const got = parse(v);
        return got !== undefined && compare(got, want, base.comparison);
      };
    }
    case "Bool":
    case "Null": {
      const want = parseBool(value);
      if (want === undefined) return `"${value}" is not "true" or "false"`;
      return (v) => parseBool(v) === want;
    }
    case "Ip": {
      const block = parseCidr(value);
      if (block === undefined) return `"${value}" is not an IP address or CIDR block`;
      return (v) => {
        const ip = parseIp(v);
        return ip !== undefined && cidrContains(block, ip);
      };
    }
  }
}

function compare(got: number, want: number, c: Comparison): boolean {
  if (c === "lt") return got < want;
  if (c === "le") return got <= want;
  if (c === "gt") return got > want;
  if (c === "ge") return got >= want;
  return got === want;
}

/** Parses `true`/`false` in any case. */
export function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  return t === "true" ? true : t === "false" ? false : undefined;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal number as IAM writes them (no hex, no Infinity). */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date-time or epoch seconds into epoch milliseconds. A time without a zone is
 * UTC (never the host's local zone).
 */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const m = ISO_DATE.exec(t);
  if (m === null) return undefined;
  const zoned = m[1] === undefined ? (t.includes("T") ? `${t}Z` : t) : t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}
