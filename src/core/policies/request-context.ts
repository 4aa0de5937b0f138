/**
 * The request context of one authorization: context keys looked up case-insensitively (IAM key
 * names are), single values kept apart from multi-valued ones.
 */

import type { VariableLookup } from "./policy-template.ts";

/** What a caller passes: `aws:username`, `aws:SourceIp`, `ssm:resourceTag/Finance`, ... */
export type ContextInput = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A normalized context. */
export class RequestContext {
  readonly #values = new Map<string, { readonly values: readonly string[]; readonly multi: boolean }>();

  constructor(input: ContextInput) {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const multi = typeof value !== "string";
      this.#values.set(key.toLowerCase(), { values: typeof value === "string" ? [value] : [...value], multi });
    }
  }

  /** The key's values; undefined when absent, an empty list when present with no values. */
  values(key: string): readonly string[] | undefined {
    return this.#values.get(key.toLowerCase())?.values;
  }

  /** Policy-variable lookup: only single-valued keys resolve, as in AWS. */
  readonly lookup: VariableLookup = (key) => {
    const entry = this.#values.get(key.toLowerCase());
    return entry === undefined || entry.multi ? undefined : entry.values[0];
  };
}
