/**
 * A response as the aws CLI shows it: no `$metadata`, no undefined members, timestamps as Python's
 * `isoformat()` in UTC (`2024-07-07T10:00:00.123000+00:00`, no fraction when it is zero).
 */
export function awsShape(value: unknown): unknown {
  if (value instanceof Date) return isoTimestamp(value);
  if (Array.isArray(value)) return value.map(awsShape);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === "$metadata" || member === undefined) continue;
      out[key] = awsShape(member);
    }
    return out;
  }
  return value;
}

/** The response as `aws --output json` prints it (4-space indent). */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(awsShape(value), null, 4)}\n`;
}

/** A timestamp as Python's `datetime.isoformat()` prints a UTC time. */
export function isoTimestamp(date: Date): string {
  const ms = date.getUTCMilliseconds();
  const base = date.toISOString().slice(0, 19);
  return `${base}${ms === 0 ? "" : `.${String(ms).padStart(3, "0")}000`}+00:00`;
}
