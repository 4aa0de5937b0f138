import type { Page, PageRequest } from "../core/ports/store.ts";

/** Rows per multi-row INSERT or IN list: far below SQLite's and PostgreSQL's parameter limits. */
export const CHUNK_SIZE = 500;

/** A page from rows fetched with `limit + 1`: the extra row only says that more follow. */
export function toPage<R, T>(rows: R[], page: PageRequest, decode: (row: R) => T): Page<T> {
  return { items: rows.slice(0, page.limit).map(decode), more: rows.length > page.limit };
}

/** Splits items into runs of at most {@link CHUNK_SIZE}. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) out.push(items.slice(i, i + CHUNK_SIZE));
  return out;
}
