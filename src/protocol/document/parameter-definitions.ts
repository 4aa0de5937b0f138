import { compileAllowedPattern } from "./allowed-pattern.ts";
import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { PARAMETER_TYPES, type ParameterDefinition, type ParameterType } from "./types.ts";

const LIMIT_KEYS = ["minItems", "maxItems", "minChars", "maxChars"] as const;

/**
 * Parses a document's `parameters` section into normalised definitions. Throws a document
 * error naming the path (e.g. `parameters.commands.type`) of the first broken element.
 */
export function parseParameterDefinitions(raw: unknown, path = "parameters"): Record<string, ParameterDefinition> {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) throw documentError(path, "must be a map of parameter definitions");
  const out: Record<string, ParameterDefinition> = {};
  for (const [name, definition] of Object.entries(raw)) {
    out[name] = parseDefinition(definition, childPath(path, name));
  }
  return out;
}

function parseDefinition(raw: unknown, path: string): ParameterDefinition {
  if (!isPlainObject(raw)) throw documentError(path, "must be a parameter definition object");
  const type = raw.type;
  if (typeof type !== "string" || !PARAMETER_TYPES.has(type)) {
    throw documentError(childPath(path, "type"), `must be one of ${[...PARAMETER_TYPES].join(", ")}`);
  }
  const def: ParameterDefinition = { type: type as ParameterType };
  const description = optionalString(raw, "description", path);
  if (description !== undefined) def.description = description;
  if (raw.default !== undefined) def.default = raw.default;
  const allowedValues = parseAllowedValues(raw.allowedValues, childPath(path, "allowedValues"));
  if (allowedValues !== undefined) def.allowedValues = allowedValues;
  const allowedPattern = optionalString(raw, "allowedPattern", path);
  // The agent treats an empty pattern as "no pattern".
  if (allowedPattern !== undefined && allowedPattern !== "") {
    const compiled = compileAllowedPattern(allowedPattern);
    if (!compiled.ok) throw documentError(childPath(path, "allowedPattern"), `invalid pattern: ${compiled.reason}`);
    def.allowedPattern = allowedPattern;
  }
  for (const key of LIMIT_KEYS) {
    const limit = parseLimit(raw[key], childPath(path, key));
    if (limit !== undefined) def[key] = limit;
  }
  const displayType = optionalString(raw, "displayType", path);
  if (displayType !== undefined) def.displayType = displayType;
  const interpolationType = raw.interpolationType;
  if (interpolationType !== undefined && interpolationType !== null) {
    if (interpolationType !== "ENV_VAR") throw documentError(childPath(path, "interpolationType"), 'must be "ENV_VAR"');
    def.interpolationType = "ENV_VAR";
  }
  return def;
}

function optionalString(raw: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw documentError(childPath(path, key), "must be a string");
  return value;
}

function parseAllowedValues(raw: unknown, path: string): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw documentError(path, "must be a list of strings");
  return raw.map((item, index) => {
    // YAML turns `- 1` into a number; AWS compares the text, so keep the text.
    if (typeof item === "string") return item;
    if (typeof item === "number" || typeof item === "boolean") return String(item);
    throw documentError(childPath(path, index), "must be a string");
  });
}

function parseLimit(raw: unknown, path: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw documentError(path, "must be a non-negative integer");
  }
  return value;
}
