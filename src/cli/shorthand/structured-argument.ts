import { SsmError } from "../../protocol/errors.ts";
import { parseShorthand, type ShorthandMap } from "./shorthand-parser.ts";

/**
 * An aws CLI structure argument: JSON when it starts with `{` or `[` (as `aws` decides), else
 * shorthand. JSON errors name the flag and say where they are, like shorthand errors do.
 */
export function parseStructured(text: string, flag: string, hint: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return parseShorthand(text, flag, hint);
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (error) {
    throw new SsmError("ValidationException", `${flag}: invalid JSON: ${(error as Error).message}\n  ${text}`);
  }
}

/** A shorthand value as a list of strings: `a` → ["a"], `[a,b]` → ["a","b"]. */
export function stringList(value: unknown, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === "string") return item;
    if (typeof item === "number" || typeof item === "boolean") return String(item);
    throw new SsmError("ValidationException", `${what} must be a string or a list of strings`);
  });
}

/** The JSON value as a plain object, or a ValidationException naming `what`. */
export function objectOf(value: unknown, what: string): ShorthandMap {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new SsmError("ValidationException", `${what} must be an object`);
  return value as ShorthandMap;
}

/** Keys other than `allowed`, reported as a ValidationException that lists the allowed ones. */
export function rejectUnknownKeys(value: ShorthandMap, allowed: readonly string[], flag: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new SsmError(
      "ValidationException",
      `${flag}: unknown key ${unknown.map((k) => `"${k}"`).join(", ")}; valid keys are ${allowed.join(", ")}`,
    );
}
