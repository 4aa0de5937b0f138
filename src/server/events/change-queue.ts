import type { StatusChange, StatusChangeSink } from "../../core/events/status-change.ts";

/** Changes held at most; beyond that new ones are dropped (counted), so memory stays bounded. */
const DEFAULT_CAPACITY = 100_000;

/**
 * The hand-off between the places that write state and the event pipeline: `push` is O(1) and
 * never blocks or throws, so recording a result is never slowed by events, notifications or
 * rules. The pipeline takes changes out with `next`.
 */
export class ChangeQueue implements StatusChangeSink {
  readonly #items: StatusChange[] = [];
  readonly #capacity: number;
  #head = 0;
  #waiter: (() => void) | undefined;
  #closed = false;
  /** Changes dropped because the queue was full or closed. */
  dropped = 0;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  push(change: StatusChange): void {
    if (this.#closed || this.size >= this.#capacity) {
      this.dropped++;
      return;
    }
    this.#items.push(change);
    const wake = this.#waiter;
    this.#waiter = undefined;
    wake?.();
  }

  /** Changes waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** The next change, waiting for one; undefined once closed and empty. */
  async next(): Promise<StatusChange | undefined> {
    while (this.size === 0) {
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
    const change = this.#items[this.#head];
    this.#head++;
    // Compact now and then so taken items do not pile up at the front.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    return change;
  }

  /** Accepts nothing more; `next` returns what is left, then undefined. */
  close(): void {
    this.#closed = true;
    const wake = this.#waiter;
    this.#waiter = undefined;
    wake?.();
  }
}
