/**
 * Reconnect delays: exponential with full jitter (AWS architecture blog's recommendation), so a
 * fleet that lost its server does not come back in one wave.
 */
export class Backoff {
  readonly #baseMs: number;
  readonly #maxMs: number;
  #attempt = 0;

  constructor(baseMs = 500, maxMs = 30_000) {
    this.#baseMs = baseMs;
    this.#maxMs = maxMs;
  }

  /** The next delay: uniform in [base/2, min(max, base × 2^attempt)]. */
  next(random: () => number = Math.random): number {
    const ceiling = Math.min(this.#maxMs, this.#baseMs * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    const floor = this.#baseMs / 2;
    return Math.round(floor + random() * Math.max(0, ceiling - floor));
  }

  /** After a successful connection. */
  reset(): void {
    this.#attempt = 0;
  }
}
