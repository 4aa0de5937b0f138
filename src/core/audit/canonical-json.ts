import type { JsonValue } from "./audit-record.ts";
import { setMember } from "./redact.ts";

/**
 * The canonical JSON text of a value: object members sorted by key (UTF-16 code units), no
 * whitespace, undefined members dropped. `value` must be JSON data (see `redactSecrets`). Equal values always give equal text, so the text can be
 * hashed; it is what the trail stores and what each record's hash covers.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value === null || typeof value !== "object") return value;
  const sorted: { [key: string]: unknown } = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) setMember(sorted, key, sortKeys(member));
  }
  return sorted;
}

/** Parses trail JSON back; undefined when the text is not a JSON object (e.g. an edited row). */
export function parseJsonObject(text: string): { [key: string]: JsonValue } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as { [key: string]: JsonValue })
      : undefined;
  } catch {
    return undefined;
  }
}
