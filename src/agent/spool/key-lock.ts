/**
 * Serializes async work per key: work on one key runs one at a time, in call order; different
 * keys never wait for each other. Keys with nothing queued take no memory.
 */
export class KeyLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `work` once every earlier `run` with the same key has settled. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    // `previous` only ever resolves (it is a chain of `done` promises), so awaiting it never throws.
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Number of keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }
}
