import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Store } from "../../core/ports/store.ts";
import { KyselyStore } from "../kysely-store.ts";
import type { Database } from "../schema.ts";
import { sqliteEngine } from "./sqlite-engine.ts";

/**
 * Opens (creating it and its directory if needed) the SQLite store file at `path`, or an
 * in-memory one for `:memory:`. WAL journal, 5 s busy timeout, foreign keys on, synchronous NORMAL.
 * Call `migrate()` before use.
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path);
  } catch (error) {
    throw new Error(`cannot open the SQLite store at ${path}`, { cause: error });
  }
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return new KyselyStore(db, sqliteEngine);
}
