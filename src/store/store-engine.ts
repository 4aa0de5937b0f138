/**
 * The few ways the SQL engines differ that the store cannot express portably. Each engine folder
 * supplies one; the store and its migrations read it and never ask which engine they run on.
 */
export interface StoreEngine {
  /**
   * Collation that orders text byte-wise (ASCII: `B` before `a`), applied to id and key columns so
   * that ordering is the same on every engine; undefined where that is already the default.
   */
  readonly binaryCollation: string | undefined;
  /**
   * Whether `SELECT … FOR UPDATE SKIP LOCKED` exists: concurrent releases then take disjoint rows
   * instead of waiting on each other. Engines without it must serialise write transactions.
   */
  readonly skipLocked: boolean;
}
