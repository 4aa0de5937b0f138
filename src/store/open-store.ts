import type { Store } from "../core/ports/store.ts";
import { openPostgresStore } from "./postgres/open-postgres-store.ts";
import { openSqliteStore } from "./sqlite/open-sqlite-store.ts";

type Opener = (url: string) => Promise<Store>;

/** Store backends by URL scheme. */
const OPENERS: Readonly<Record<string, Opener>> = {
  sqlite: (url) => openSqliteStore(sqlitePath(url.slice("sqlite:".length))),
  postgres: (url) => openPostgresStore(url),
  postgresql: (url) => openPostgresStore(url),
};

/**
 * Opens the store a URL names: `sqlite:/abs/path/file.db` (also `sqlite:///abs/path`,
 * `sqlite::memory:`) or a plain file path for SQLite, `postgres://…` or `postgresql://…` for
 * PostgreSQL. The schema is not touched: call `migrate()` next.
 */
export async function openStore(url: string): Promise<Store> {
  // Two letters at least, so a Windows drive letter (C:\…) stays a plain path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return await openSqliteStore(url);
  const open = OPENERS[scheme];
  if (open === undefined) {
    throw new Error(`unknown store URL scheme "${scheme}:" (use sqlite:/path/file.db or postgres://…)`);
  }
  return await open(url);
}

function sqlitePath(rest: string): string {
  const path = rest.startsWith("//") ? rest.slice(2) : rest;
  if (path === "") throw new Error("the sqlite: store URL names no file");
  return path;
}
