/**
 * MaxConcurrency / MaxErrors arithmetic (semantics §5.4). Percentages resolve against the target
 * count: concurrency = max(1, ceil(p% × targets)), error budget = floor(p% × targets). The model's
 * patterns have already been checked at the edge.
 */

function parseRate(value: string): { percent: boolean; n: number } {
  const percent = value.endsWith("%");
  return { percent, n: Number.parseInt(percent ? value.slice(0, -1) : value, 10) };
}

/** How many invocations may be in flight at once. */
export function concurrencyLimit(maxConcurrency: string, targetCount: number): number {
  const { percent, n } = parseRate(maxConcurrency);
  if (!percent) return Math.max(1, n);
  return Math.max(1, Math.ceil((n * targetCount) / 100));
}

/** How many errors are tolerated; sending stops when the error count exceeds it. */
export function errorBudget(maxErrors: string, targetCount: number): number {
  const { percent, n } = parseRate(maxErrors);
  if (!percent) return n;
  return Math.floor((n * targetCount) / 100);
}
