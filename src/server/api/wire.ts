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

/**
 * A model shape `T` as an object literal may spell it before {@link compact}: its optional members
 * may also be `undefined` ("not set"); its required members stay required.
 */
export type Unset<T> = { [K in keyof T]: Partial<Pick<T, K>> extends Pick<T, K> ? T[K] | undefined : T[K] };

/**
 * Drops undefined members so the JSON carries only what is set. The target shape `T` comes from
 * the call's context (a declared return or variable type) or is given explicitly; the literal is
 * checked member by member against it, so a misspelt or mistyped member does not compile.
 */
export function compact<T extends object = never>(value: NoInfer<Unset<T>>): T {
  // Only undefined members are removed, and `Unset<T>` allows undefined only where `T` is optional.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
