import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Store } from "../../core/ports/store.ts";
import { KyselyStore } from "../kysely-store.ts";
import type { Database } from "../schema.ts";
import { postgresEngine } from "./postgres-engine.ts";
import { storeTypeParsers } from "./store-type-parsers.ts";

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Largest number of pooled connections (default 10). */
  maxConnections?: number;
  /** Told about errors of idle pooled connections (default: a process warning); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens a store on the PostgreSQL database at a `postgres://` or `postgresql://` URL. Connects
 * lazily: the first query (usually `migrate()`) reports an unreachable server.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: storeTypeParsers,
  });
  // An idle client's error is emitted on the pool; unhandled, it would crash the process.
  pool.on("error", options.onIdleError ?? ((error) => process.emitWarning(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, postgresEngine);
}
