/**
 * The wording of AWS request-validation failures:
 * `2 validation errors detected: Value 'x' at 'a.b' failed to satisfy constraint: Member must ...; Value ...`.
 */

/** Printed values longer than this are cut and end in `...`. */
const MAX_VALUE_CHARS = 128;

/** A value printed the way AWS (Java `toString`) prints it: lists `[a, b]`, maps `{k=v}`. */
export function describeValue(value: unknown): string {
  const text = javaString(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...` : text;
}

function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/**
 * One violation: `Value 'x' at 'path' failed to satisfy constraint: <constraint>`. Missing values
 * print as `Value null`; sensitive values are never echoed (`Value at 'path'`).
 */
export function violation(value: unknown, path: string, sensitive: boolean, constraint: string): string {
  const shown =
    value === undefined || value === null ? "Value null" : sensitive ? "Value" : `Value '${describeValue(value)}'`;
  return `${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** The message of a ValidationException carrying the given violations (at least one). */
export function validationMessage(violations: readonly string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${violations.join("; ")}`;
}

/** The JSON kind of a value as the AWS deserializer names it. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "START_ARRAY";
  if (value === null) return "VALUE_NULL";
  switch (typeof value) {
    case "string":
      return "STRING_VALUE";
    case "number":
      return Number.isInteger(value) ? "NUMBER_INT" : "NUMBER_FLOAT";
    case "boolean":
      return value ? "VALUE_TRUE" : "VALUE_FALSE";
    case "object":
      return "START_OBJECT";
    default:
      return typeof value;
  }
}

/** Model type → the Java-ish name used in serialization messages. */
const TARGET_NAMES: Readonly<Record<string, string>> = {
  structure: "a Structure",
  map: "a Map",
  list: "a List",
  string: "a String",
  blob: "a Blob",
  boolean: "a Boolean",
  integer: "an Integer",
  long: "a Long",
  float: "a Float",
  double: "a Double",
  timestamp: "a Timestamp",
};

/** The message of a SerializationException for a value of the wrong JSON type. */
export function typeMismatchMessage(value: unknown, modelType: string, path: string): string {
  const where = path === "" ? "the request body" : `'${path}'`;
  if (Array.isArray(value)) return `Start of list found where not expected (at ${where})`;
  if (value !== null && typeof value === "object") {
    return `Start of structure or map found where not expected (at ${where})`;
  }
  return `${jsonKind(value)} can not be converted to ${TARGET_NAMES[modelType] ?? modelType} (at ${where})`;
}
