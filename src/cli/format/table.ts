/** One column of a table: its header and how a row shows in it. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
}

/**
 * Rows as aligned columns under an upper-case header, two spaces apart, trailing space trimmed.
 * Line breaks and tabs inside a cell become spaces so every row stays one line.
 */
export function formatTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const header = columns.map((c) => c.header.toUpperCase());
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  return [header, ...cells]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

function cell(value: string | number | undefined): string {
  return value === undefined ? "" : String(value).replace(/[\r\n\t]+/g, " ");
}

/** A timestamp as a table shows it: UTC to the second, `2024-07-07T10:00:00Z`. */
export function tableTime(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "";
}
