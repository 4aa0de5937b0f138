/** Fallback execution timeout in seconds, as the SSM agent's `ValidateExecutionTimeout`. */
export const DEFAULT_EXECUTION_TIMEOUT_SECONDS = 3600;
/** Smallest accepted execution timeout in seconds. */
export const MIN_EXECUTION_TIMEOUT_SECONDS = 5;
/** Largest accepted execution timeout in seconds (48 h). */
export const MAX_EXECUTION_TIMEOUT_SECONDS = 172_800;

/**
 * Turns a document's `timeoutSeconds` (number or numeric string) into whole seconds; anything
 * unparsable or outside 5–172800 becomes 3600.
 */
export function normalizeExecutionTimeout(value: unknown): number {
  let seconds: number;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string" && value.trim() !== "") seconds = Number(value.trim());
  else return DEFAULT_EXECUTION_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds)) return DEFAULT_EXECUTION_TIMEOUT_SECONDS;
  seconds = Math.floor(seconds);
  if (seconds < MIN_EXECUTION_TIMEOUT_SECONDS || seconds > MAX_EXECUTION_TIMEOUT_SECONDS) {
    return DEFAULT_EXECUTION_TIMEOUT_SECONDS;
  }
  return seconds;
}
