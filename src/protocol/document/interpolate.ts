import { goJsonMarshal } from "./go-json.ts";
import type { TypedParameters } from "./types.ts";

// Go's RE2 `\s` is exactly [\t\n\f\r ]; JavaScript's `\s` is wider.
const PLACEHOLDER = /\{\{[\t\n\f\r ]*([a-zA-Z0-9]+)[\t\n\f\r ]*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{[\t\n\f\r ]*([a-zA-Z0-9]+)[\t\n\f\r ]*\}\}$/;

/**
 * Replaces `{{ name }}` placeholders the way the SSM agent does (`parameters.ReplaceParameters`):
 * - a string that is exactly one placeholder becomes the parameter's typed value (a list stays a list);
 * - otherwise each placeholder inside the string becomes the value as text, non-strings as Go JSON;
 * - the inserted text goes through Go's `ReplaceAllString` template expansion, so `$$` becomes `$`,
 *   `$0`/`${0}` becomes the placeholder itself and any other `$name`/`${name}` becomes empty;
 * - names match `^[a-zA-Z0-9]+$`, whitespace inside the braces is allowed, unknown names and
 *   `{{ssm:...}}` references are left as they are;
 * - arrays and objects are walked recursively (their keys are not touched); other values are kept.
 * Unlike the agent (which walks a Go map in random order), substitution is one pass: a value that
 * itself contains `{{ other }}` is never substituted again.
 */
export function interpolate(value: unknown, params: TypedParameters): unknown {
  if (typeof value === "string") return interpolateString(value, params);
  if (Array.isArray(value)) return value.map((item) => interpolate(item, params));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolate(item, params);
    return out;
  }
  return value;
}

function interpolateString(text: string, params: TypedParameters): unknown {
  const whole = WHOLE_PLACEHOLDER.exec(text);
  const wholeName = whole?.[1];
  if (wholeName !== undefined && Object.hasOwn(params, wholeName)) return structuredClone(params[wholeName]);
  return text.replace(PLACEHOLDER, (match: string, name: string) => {
    if (!Object.hasOwn(params, name)) return match;
    const value = params[name];
    return expandGoTemplate(typeof value === "string" ? value : goJsonMarshal(value), match);
  });
}

/**
 * Go's `Regexp.Expand` for a pattern without capture groups: `$$` → `$`; `$0` / `${0}` → the
 * whole match; any other well-formed `$name` / `${name}` → empty; a malformed `$` stays literal.
 */
export function expandGoTemplate(template: string, match: string): string {
  let out = "";
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf("$");
    if (dollar < 0) return out + rest;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const reference = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (reference === null) {
      out += "$";
      continue;
    }
    rest = rest.slice(reference[0].length);
    if ((reference[1] ?? reference[2]) === "0") out += match;
  }
}
