/** Wire forms of domain values (awsJson1_1: timestamps are epoch seconds). */

/** Epoch ms → epoch seconds with milliseconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Epoch ms → ISO-8601 instant; undefined → "" (GetCommandInvocation's StringDateTime). */
export function isoOrEmpty(ms: number | undefined): string {
  return ms === undefined ? "" : new Date(ms).toISOString();
}

/** Duration in ms → ISO-8601 duration (`PT0.541S`); "" when either end is missing. */
export function isoDuration(startMs: number | undefined, endMs: number | undefined): string {
  if (startMs === undefined || endMs === undefined) return "";
  return `PT${((endMs - startMs) / 1000).toFixed(3).replace(/\.?0+$/, "")}S`;
}

/** Drops undefined members so the JSON carries only what is set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
