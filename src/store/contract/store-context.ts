import { afterEach, beforeEach } from "node:test";
import type { Store } from "../../core/ports/store.ts";

/** Opens an empty, not yet migrated store; `cleanup` removes what it made after the store is closed. */
export type OpenStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/** The store of the running test. */
export interface StoreContext {
  readonly store: Store;
}

/** Gives every test of the enclosing suite a fresh, migrated store, closed and cleaned up after it. */
export function useFreshStore(open: OpenStore): StoreContext {
  let current: Awaited<ReturnType<OpenStore>> | undefined;
  beforeEach(async () => {
    current = await open();
    await current.store.migrate();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    if (done === undefined) return;
    await done.store.close();
    await done.cleanup();
  });
  return {
    get store(): Store {
      if (current === undefined) throw new Error("no store is open outside a test");
      return current.store;
    },
  };
}
