import { childPath, isPlainObject } from "./document-error.ts";

// Must stay the same as the placeholders in interpolate.ts: Go's RE2 `\s` is exactly [\t\n\f\r ].
const REFERENCE = /\{\{[\t\n\f\r ]*([a-zA-Z0-9]+)[\t\n\f\r ]*\}\}/g;
const WHOLE_REFERENCE = /^\{\{[\t\n\f\r ]*([a-zA-Z0-9]+)[\t\n\f\r ]*\}\}$/;
const SSM_REFERENCE = /\{\{ *ssm(?:-secure)?:[^}]*\}\}/;

/** The parameter names the agent substitutes: `{{ name }}` is replaced only when `name` matches this. */
export const PARAMETER_NAME = /^[a-zA-Z0-9]+$/;

/** The parameter names referenced as `{{ name }}` in `text`, each once, in order of appearance. */
export function referencedNames(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(REFERENCE), (match) => match[1] ?? ""))];
}

/** The name when `text` is exactly one `{{ name }}` (whole-value substitution), else undefined. */
export function wholeReference(text: string): string | undefined {
  return WHOLE_REFERENCE.exec(text)?.[1];
}

/** True when `text` holds a Parameter Store reference (`{{ssm:name}}` or `{{ssm-secure:name}}`). */
export function hasSsmReference(text: string): boolean {
  return SSM_REFERENCE.test(text);
}

/** Calls `visit` for every string inside `value` (map values and list items, not keys) with its path. */
export function forEachString(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      forEachString(item, childPath(path, index), visit);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) forEachString(item, childPath(path, key), visit);
  }
}
