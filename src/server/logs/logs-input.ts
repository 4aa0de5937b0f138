import { LogsError } from "./logs-error.ts";

/** A decoded request body: an object whose members are read with the typed readers below. */
export type LogsInput = Record<string, unknown>;

/** Parses a JSON body into an object (an empty body is `{}`). */
export function parseLogsInput(body: Buffer): LogsInput {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new LogsError("SerializationException", "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new LogsError("SerializationException", "The request body must be a JSON object.");
  }
  return value as LogsInput;
}

function invalid(message: string): LogsError {
  return new LogsError("InvalidParameterException", message);
}

/** An optional string member. */
export function optString(input: LogsInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`${name} must be a string.`);
  return value;
}

/** A required string member. */
export function reqString(input: LogsInput, name: string): string {
  const value = optString(input, name);
  if (value === undefined || value === "") throw invalid(`1 validation error detected: ${name} must not be null.`);
  return value;
}

/** An optional integer member within [min, max]. */
export function optInt(input: LogsInput, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      `1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must be between ${min} and ${max}.`,
    );
  }
  return value;
}

/** An optional boolean member. */
export function optBool(input: LogsInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalid(`${name} must be a boolean.`);
  return value;
}

/** An optional list of strings. */
export function optStrings(input: LogsInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalid(`${name} must be a list of strings.`);
  }
  return value as string[];
}

/** The group a request names: `logGroupName`, or `logGroupIdentifier` (a name or an ARN). */
export function groupOf(input: LogsInput): string {
  const identifier = optString(input, "logGroupIdentifier");
  if (identifier !== undefined) {
    const arn = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
    return arn?.[1] ?? identifier;
  }
  return reqString(input, "logGroupName");
}

/** A page position in a token: `<prefix><index>`, or the default when absent. */
export function tokenIndex(token: string | undefined, prefix: string): number | undefined {
  if (token === undefined) return undefined;
  const match = new RegExp(`^${prefix}(\\d{1,12})$`).exec(token);
  if (!match) throw invalid("The specified nextToken is invalid.");
  return Number(match[1]);
}
