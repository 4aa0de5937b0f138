import { type Command, Option } from "commander";
import { formatJson } from "./aws-json.ts";
import { formatText } from "./aws-text.ts";
import { type Column, formatTable } from "./table.ts";

/** The `--output` formats every listing command takes. */
export const OUTPUT_FORMATS = ["table", "json", "text"] as const;

/** `table` (aligned columns), `json` (as `aws --output json`) or `text` (as `aws --output text`). */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Adds `--output table|json|text` (with its choices, so completion offers them). */
export function withOutputFlag(command: Command, defaultFormat: OutputFormat = "table"): Command {
  return command.addOption(
    new Option("--output <format>", "output format").choices(OUTPUT_FORMATS).default(defaultFormat),
  );
}

/** One result in every format: the aws-shaped response for json/text, rows and columns for table. */
export interface View<T> {
  response: unknown;
  rows: readonly T[];
  columns: readonly Column<T>[];
}

/** The view rendered in `format`. */
export function render<T>(format: OutputFormat, view: View<T>): string {
  if (format === "json") return formatJson(view.response);
  if (format === "text") return formatText(view.response);
  return formatTable(view.columns, view.rows);
}
