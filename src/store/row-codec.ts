/**
 * How record fields map onto columns: `plain` values pass as they are, `bool` becomes INTEGER 0/1,
 * `json` becomes JSON text and `optional` is a nullable number whose NULL reads back as an absent
 * field (never as `undefined` set on the record).
 */
export type ColumnKind = "plain" | "bool" | "json" | "optional";

/** One column per record field: its name and how the value is encoded. */
export type ColumnSpec<R> = { readonly [K in keyof Required<R>]: readonly [column: string, kind: ColumnKind] };

type Row = Record<string, unknown>;

/** Converts records to rows and back, and patches to partial rows, from one {@link ColumnSpec}. */
export class RowCodec<R extends object> {
  readonly #fields: ReadonlyArray<readonly [field: string, column: string, kind: ColumnKind]>;
  readonly #byField: ReadonlyMap<string, readonly [column: string, kind: ColumnKind]>;

  constructor(spec: ColumnSpec<R>) {
    const entries = Object.entries(spec) as Array<[string, readonly [string, ColumnKind]]>;
    this.#fields = entries.map(([field, [column, kind]]) => [field, column, kind] as const);
    this.#byField = new Map(entries);
  }

  /** The full row of a record; absent optional fields become NULL. */
  toRow<T>(record: R): T {
    const row: Row = {};
    for (const [field, column, kind] of this.#fields) {
      row[column] = encode(kind, (record as Row)[field]);
    }
    return row as T;
  }

  /** The record of a row. */
  fromRow(row: object): R {
    const record: Row = {};
    for (const [field, column, kind] of this.#fields) {
      const value = (row as Row)[column];
      if (kind === "optional" && (value === null || value === undefined)) continue;
      record[field] = decode(kind, value);
    }
    return record as R;
  }

  /** The columns a patch sets; fields left undefined are not touched. */
  patchRow<T>(patch: Partial<R>): T {
    const row: Row = {};
    for (const [field, value] of Object.entries(patch)) {
      const spec = this.#byField.get(field);
      if (spec === undefined || value === undefined) continue;
      row[spec[0]] = encode(spec[1], value);
    }
    return row as T;
  }
}

function encode(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case "bool":
      return value ? 1 : 0;
    case "json":
      return JSON.stringify(value);
    case "optional":
      return value ?? null;
    case "plain":
      return value;
  }
}

function decode(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case "bool":
      return Number(value) !== 0;
    case "json":
      return JSON.parse(String(value));
    case "optional":
    case "plain":
      return value;
  }
}
