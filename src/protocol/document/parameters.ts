import { SsmError } from "../errors.ts";
import { compileAllowedPattern } from "./allowed-pattern.ts";
import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { goJsonMarshal } from "./go-json.ts";
import type { ParameterDefinition, TypedParameters } from "./types.ts";

/** A Parameter Store reference the agent resolves before its own check (same regex as the agent). */
const SSM_REFERENCE = /\{\{ *ssm:[/\w.:-]+ *\}\}/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const SHOWN_CHARS = 100;

/**
 * SendCommand side: turns API parameters (always lists of strings) into typed values, applies
 * each missing parameter's `default`, and checks every rule of the definitions. Throws
 * `InvalidParameters` naming the parameter and the broken rule. Values that contain an unresolved
 * `{{ssm:...}}` reference skip the value rules here; the agent checks them once resolved.
 */
export function resolveParameters(
  defs: Record<string, ParameterDefinition>,
  supplied: Record<string, string[]> | undefined,
): TypedParameters {
  const given = supplied ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(defs, name)) throw notDefined(name);
  }
  const values: TypedParameters = {};
  for (const [name, def] of Object.entries(defs)) {
    const raw = Object.hasOwn(given, name) ? given[name] : undefined;
    if (raw !== undefined) values[name] = fromApiValues(name, def, raw);
    else if (def.default !== undefined) values[name] = structuredClone(def.default);
    else throw invalid(`Parameter "${name}" is required: the document gives it no default value.`);
  }
  checkTypedParameters(defs, values);
  return values;
}

/**
 * Agent side: re-checks already typed values against their definitions (shape, allowedPattern,
 * min/max chars, min/max items, allowedValues), with the same messages as
 * {@link resolveParameters}. Call it after resolving `{{ssm:...}}` references: values still
 * holding one are not checked against the value rules.
 */
export function checkTypedParameters(defs: Record<string, ParameterDefinition>, values: TypedParameters): void {
  for (const [name, value] of Object.entries(values)) {
    const def = Object.hasOwn(defs, name) ? defs[name] : undefined;
    if (def === undefined) throw notDefined(name);
    checkShape(name, def, value);
    checkRules(name, def, value);
  }
}

function fromApiValues(name: string, def: ParameterDefinition, raw: string[]): unknown {
  if (def.type === "StringList") return [...raw];
  if (def.type === "MapList") return mapListFromApi(name, raw);
  if (raw.length !== 1) {
    throw invalid(
      `Parameter "${name}" is of type ${def.type} and takes exactly one value, but ${raw.length} were given.`,
    );
  }
  const text = raw[0] ?? "";
  switch (def.type) {
    case "String":
      return text;
    case "Boolean":
      if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
      throw invalid(`Parameter "${name}" is of type Boolean: ${show(text)} is not true or false.`);
    case "Integer": {
      const number = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isInteger(number) && number >= INT32_MIN && number <= INT32_MAX) return number;
      throw invalid(`Parameter "${name}" is of type Integer: ${show(text)} is not a 32-bit whole number.`);
    }
    case "StringMap": {
      const parsed = parseJson(text);
      if (isPlainObject(parsed)) return parsed;
      throw invalid(`Parameter "${name}" is of type StringMap: the value must be a JSON object.`);
    }
  }
}

/** MapList over the API: one JSON array of objects, or one JSON object per value. */
function mapListFromApi(name: string, raw: string[]): unknown[] {
  const single = raw.length === 1 ? parseJson(raw[0] ?? "") : undefined;
  const items = Array.isArray(single) ? single : raw.map(parseJson);
  if (items.every(isPlainObject)) return items;
  throw invalid(`Parameter "${name}" is of type MapList: each value must be a JSON object.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SHAPES: Readonly<Record<ParameterDefinition["type"], [(value: unknown) => boolean, string]>> = {
  String: [(value) => typeof value === "string", "a string"],
  StringList: [(value) => Array.isArray(value) && value.every((item) => typeof item === "string"), "a list of strings"],
  Boolean: [(value) => typeof value === "boolean", "true or false"],
  Integer: [(value) => Number.isSafeInteger(value), "a whole number"],
  MapList: [(value) => Array.isArray(value) && value.every(isPlainObject), "a list of objects"],
  StringMap: [isPlainObject, "an object"],
};

function checkShape(name: string, def: ParameterDefinition, value: unknown): void {
  const [fits, expected] = SHAPES[def.type];
  if (!fits(value)) throw invalid(`Parameter "${name}" is of type ${def.type}: expected ${expected}.`);
}

/** Rules in the agent's order: allowedPattern, min/max chars, min/max items, allowedValues. */
function checkRules(name: string, def: ParameterDefinition, value: unknown): void {
  const items = ruleItems(def, value).filter((item) => !SSM_REFERENCE.test(item));
  if (def.allowedPattern !== undefined) {
    const compiled = compileAllowedPattern(def.allowedPattern);
    if (!compiled.ok)
      throw documentError(
        childPath(childPath("parameters", name), "allowedPattern"),
        `invalid pattern: ${compiled.reason}`,
      );
    const bad = items.find((item) => !compiled.regex.test(item));
    if (bad !== undefined) {
      throw invalid(
        `Parameter "${name}": value ${show(bad)} does not match the allowed pattern ${def.allowedPattern}.`,
      );
    }
  }
  if (def.type !== "Integer" && def.type !== "Boolean") checkChars(name, def, items);
  checkItems(name, def, value);
  const allowed = def.allowedValues;
  if (allowed !== undefined && allowed.length > 0) {
    const bad = items.find((item) => !allowed.includes(item));
    if (bad !== undefined) {
      throw invalid(`Parameter "${name}": value ${show(bad)} is not one of the allowed values: ${allowed.join(", ")}.`);
    }
  }
}

/** The strings the value rules look at: each list item, with objects as Go's JSON text. */
function ruleItems(def: ParameterDefinition, value: unknown): string[] {
  switch (def.type) {
    case "String":
      return [value as string];
    case "StringList":
      return value as string[];
    case "MapList":
      return (value as unknown[]).map(goJsonMarshal);
    case "StringMap":
      return [goJsonMarshal(value)];
    default:
      return [String(value)];
  }
}

function checkChars(name: string, def: ParameterDefinition, items: string[]): void {
  for (const item of items) {
    if (def.minChars !== undefined && item.length < def.minChars) {
      throw invalid(`Parameter "${name}": value ${show(item)} is shorter than minChars ${def.minChars}.`);
    }
    if (def.maxChars !== undefined && item.length > def.maxChars) {
      throw invalid(`Parameter "${name}": a value of ${item.length} characters exceeds maxChars ${def.maxChars}.`);
    }
  }
}

function checkItems(name: string, def: ParameterDefinition, value: unknown): void {
  if (def.type === "String" || def.type === "Integer" || def.type === "Boolean") return;
  const count = Array.isArray(value) ? value.length : Object.keys(value as object).length;
  if (def.minItems !== undefined && count < def.minItems) {
    throw invalid(`Parameter "${name}" has ${count} item(s), fewer than minItems ${def.minItems}.`);
  }
  if (def.maxItems !== undefined && count > def.maxItems) {
    throw invalid(`Parameter "${name}" has ${count} item(s), more than maxItems ${def.maxItems}.`);
  }
}

function notDefined(name: string): SsmError {
  return invalid(`Parameter "${name}" is not defined in the document.`);
}

function invalid(message: string): SsmError {
  return new SsmError("InvalidParameters", message);
}

/** A value quoted for a message, cut short so one huge value cannot flood the response. */
function show(value: string): string {
  return JSON.stringify(value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value);
}
