import type { Bus, BusMessage, Subject } from "../../core/ports/bus.ts";

/** The in-process bus of a single server (the default). Handlers run on a later tick. */
export class MemoryBus implements Bus {
  readonly #handlers = new Map<string, Set<(m: BusMessage) => void>>();

  async publish(subject: Subject, message: BusMessage): Promise<void> {
    const handlers = this.#handlers.get(subject);
    if (!handlers) return;
    for (const handler of [...handlers]) queueMicrotask(() => handler(message));
  }

  subscribe(subject: Subject, handler: (message: BusMessage) => void): () => void {
    let set = this.#handlers.get(subject);
    if (!set) {
      set = new Set();
      this.#handlers.set(subject, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.#handlers.delete(subject);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
