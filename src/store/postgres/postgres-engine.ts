import type { StoreEngine } from "../store-engine.ts";

/**
 * PostgreSQL's traits: the database's default collation may be linguistic, so key columns use "C";
 * row locks can be skipped.
 */
export const postgresEngine: StoreEngine = { binaryCollation: "C", skipLocked: true };
