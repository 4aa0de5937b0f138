import type { JsonValue } from "./audit-record.ts";
import { canonicalJson } from "./canonical-json.ts";

/** Largest `requestParameters` / `responseElements` kept whole, in characters of JSON. */
export const MAX_ELEMENT_CHARS = 64 * 1024;

/**
 * `value`, or a summary `{"omitted": true, "originalSize": N}` when its JSON exceeds `maxChars`
 * (a 1 MB document body, a 50-node listing): the trail keeps who did what, not bulk payloads.
 */
export function boundedValue(value: JsonValue, maxChars = MAX_ELEMENT_CHARS): JsonValue {
  if (value === null) return null;
  const size = canonicalJson(value).length;
  return size > maxChars ? { omitted: true, originalSize: size } : value;
}
