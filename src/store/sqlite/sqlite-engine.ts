import type { StoreEngine } from "../store-engine.ts";

/**
 * SQLite's traits: its default BINARY collation already orders text byte-wise; it has no row locks,
 * and one connection serialises every transaction.
 */
export const sqliteEngine: StoreEngine = { binaryCollation: undefined, skipLocked: false };
