/** How far a command has got, counted over its targets. */
export interface ProgressCounts {
  /** Targets known so far (TargetCount, or the invocations seen when that is larger). */
  total: number;
  /** Invocations that ended Success. */
  done: number;
  /** Invocations that ended any other way (Failed, TimedOut, Cancelled, Undeliverable, ...). */
  failed: number;
  /** Invocations not yet finished. */
  pending: number;
}

/** Bar cells: `#` done, `x` failed, `.` pending. */
const DONE = "#";
const FAILED = "x";
const PENDING = ".";

/**
 * One progress line: `[####x.....] 4/10 done · 1 failed · 5 pending · 3s`. A failure always shows
 * at least one `x`, so a single failure among thousands stays visible.
 */
export function renderProgress(counts: ProgressCounts, elapsedMs: number, width = 30): string {
  const elapsed = `${Math.floor(elapsedMs / 1000)}s`;
  if (counts.total === 0) return `[${PENDING.repeat(width)}] waiting for targets · ${elapsed}`;
  const failedCells = counts.failed > 0 ? Math.max(1, Math.round((counts.failed / counts.total) * width)) : 0;
  const doneCells = Math.min(width - failedCells, Math.floor((counts.done / counts.total) * width));
  const bar = DONE.repeat(doneCells) + FAILED.repeat(failedCells) + PENDING.repeat(width - doneCells - failedCells);
  return `[${bar}] ${counts.done}/${counts.total} done · ${counts.failed} failed · ${counts.pending} pending · ${elapsed}`;
}
