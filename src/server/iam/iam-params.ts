import { IamError } from "../../core/identity/iam-error.ts";
import type { IamTag } from "../../core/identity/identity-records.ts";
import { validationError } from "../identity/identity-input.ts";
import type { QueryValue } from "./query-request.ts";

/** Typed access to a Query request's parameters, with IAM's validation messages. */
export class IamParams {
  readonly #params: Record<string, QueryValue>;

  constructor(params: Record<string, QueryValue>) {
    this.#params = params;
  }

  /** The decoded parameters (for the audit trail). */
  get raw(): Record<string, QueryValue> {
    return this.#params;
  }

  /** An optional string member. @throws IamError ValidationError when it is a list or structure. */
  optional(name: string): string | undefined {
    const value = this.#params[name];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw validationError(lower(name), "[structure]", "Member must be a string");
    return value;
  }

  /** A required string member. @throws IamError ValidationError when absent. */
  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined)
      throw new IamError(
        "ValidationError",
        `1 validation error detected: Value null at '${lower(name)}' failed to satisfy constraint: Member must not be null`,
      );
    return value;
  }

  /** An optional enum member. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.optional(name);
    if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
    throw validationError(lower(name), value, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }

  /** A required enum member. */
  requiredOneOf<T extends string>(name: string, values: readonly T[]): T {
    this.required(name);
    return this.oneOf(name, values) as T;
  }

  /** An optional boolean member (`true` / `false`). */
  boolean(name: string): boolean | undefined {
    const value = this.oneOf(name, ["true", "false"]);
    return value === undefined ? undefined : value === "true";
  }

  /** An optional integer member within [min, max]. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(n))
      throw new IamError("ValidationError", `Value '${value}' at '${lower(name)}' is not a valid integer.`);
    if (n < min) throw validationError(lower(name), value, `Member must have value greater than or equal to ${min}`);
    if (n > max) throw validationError(lower(name), value, `Member must have value less than or equal to ${max}`);
    return n;
  }

  /** A `Tags` list of `{Key, Value}` structures. */
  tags(name = "Tags"): IamTag[] | undefined {
    const value = this.#params[name];
    if (value === undefined || value === "") return undefined;
    if (!Array.isArray(value)) throw validationError(lower(name), "[structure]", "Member must be a list");
    return value.map((item) => {
      if (typeof item !== "object" || Array.isArray(item))
        throw validationError("tags.member", "[value]", "Member must be a Tag");
      const { Key, Value } = item;
      if (typeof Key !== "string") throw validationError("tags.member.key", "null", "Member must not be null");
      if (typeof Value !== "string") throw validationError("tags.member.value", "null", "Member must not be null");
      return { Key, Value };
    });
  }
}

/** IAM names members in messages with a lower-case first letter (`userName`). */
function lower(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
