/**
 * Policy variables (`${aws:username}`, `${ssm:resourceTag/Team, 'none'}`, `${*}`) in Resource
 * elements and in the values of string and ARN conditions, compiled once and resolved per request.
 */

import { type GlobToken, globTokens, literalTokens } from "./glob.ts";

type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "var"; readonly key: string; readonly fallback: string | undefined };

/** A string from a policy, split into plain text and variables. */
export interface Template {
  /** The text exactly as written, for messages. */
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** Looks a variable up in the request context: its single value, or undefined when absent or multi-valued. */
export type VariableLookup = (key: string) => string | undefined;

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^(.*?)\s*,\s*'((?:[^']|'')*)'$/s;
const SPECIALS = new Set(["*", "?", "$"]);

/** Compiles a policy string; with `variables` false (policy Version before 2012-10-17) `${...}` is plain text. */
export function compileTemplate(source: string, variables: boolean): Template {
  if (!variables) return { source, parts: [{ kind: "text", text: source }] };
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of source.matchAll(VARIABLE)) {
    if (m.index > last) parts.push({ kind: "text", text: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = (m[1] ?? "").trim();
    if (SPECIALS.has(inner)) {
      parts.push({ kind: "literal", text: inner });
      continue;
    }
    const d = WITH_DEFAULT.exec(inner);
    const key = (d === null ? inner : (d[1] ?? "")).trim();
    const fallback = d === null ? undefined : (d[2] ?? "").replaceAll("''", "'");
    parts.push({ kind: "var", key, fallback });
  }
  if (last < source.length) parts.push({ kind: "text", text: source.slice(last) });
  return { source, parts };
}

/** True when the template uses a context variable (not just `${*}`-style escapes). */
export function hasVariables(t: Template): boolean {
  return t.parts.some((p) => p.kind === "var");
}

/**
 * Resolves to wildcard tokens: `*`/`?` written in the policy are wildcards, variable values and
 * `${*}` are literal. Undefined when a variable has no value and no default: AWS then treats the
 * element as not matching.
 */
export function renderGlob(t: Template, lookup: VariableLookup): GlobToken[] | undefined {
  const out: GlobToken[] = [];
  for (const part of t.parts) {
    if (part.kind === "text") out.push(...globTokens(part.text));
    else {
      const text = part.kind === "literal" ? part.text : resolve(part.key, part.fallback, lookup);
      if (text === undefined) return undefined;
      out.push(...literalTokens(text));
    }
  }
  return out;
}

/** Resolves to plain text (for the Equals operators, where `*` is an ordinary character). */
export function renderText(t: Template, lookup: VariableLookup): string | undefined {
  let out = "";
  for (const part of t.parts) {
    const text = part.kind === "var" ? resolve(part.key, part.fallback, lookup) : part.text;
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

function resolve(key: string, fallback: string | undefined, lookup: VariableLookup): string | undefined {
  return (key === "" ? undefined : lookup(key)) ?? fallback;
}
