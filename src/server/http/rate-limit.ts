/**
 * Token buckets keyed by principal (access key id, or source IP before authentication): each
 * key may make `ratePerSecond` requests a second on average, in bursts of up to `burst`. Idle
 * buckets are forgotten, so memory stays bounded by the number of active callers.
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #lastSweep = 0;

  constructor(ratePerSecond: number, burst: number, now: () => number = Date.now) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#now = now;
  }

  /** Takes one token for `key`; false when the caller must be throttled. */
  take(key: string): boolean {
    const now = this.#now();
    this.#sweep(now);
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Drops buckets that have refilled completely (they are equivalent to absent ones). */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 10_000) return;
    this.#lastSweep = now;
    const full = (this.#burst / this.#rate) * 1000;
    for (const [key, bucket] of this.#buckets) if (now - bucket.at >= full) this.#buckets.delete(key);
  }

  get size(): number {
    return this.#buckets.size;
  }
}
