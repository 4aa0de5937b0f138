import { SsmError } from "../errors.ts";
import { compileAllowedPattern } from "./allowed-pattern.ts";
import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { checkTypedParameters } from "./parameters.ts";
import { PARAMETER_NAME } from "./references.ts";
import type { ParameterDefinition } from "./types.ts";

const DEFINITION_KEYS: ReadonlySet<string> = new Set([
  "type",
  "description",
  "default",
  "allowedValues",
  "allowedPattern",
  "displayType",
  "minItems",
  "maxItems",
  "minChars",
  "maxChars",
  "interpolationType",
]);
const DISPLAY_TYPES = ["textfield", "textarea"];
/** A default that is only a Parameter Store reference; the agent resolves it, so it is not checked here. */
const SSM_DEFAULT = /^\{\{ *ssm:[/\w.:-]+ *\}\}$/;

/**
 * The rules CreateDocument adds on top of `parseParameterDefinitions` (which already refuses
 * unknown types, bad limits, patterns that do not compile and other interpolation types):
 * names the agent can substitute, limit pairs in order, known display types, allowedValues that
 * match allowedPattern, and a default that fits the definition. Keys that are not definition
 * fields (often a typo such as `allowedPatern`) become warnings.
 */
export function checkParameterDefinitions(
  raw: unknown,
  defs: Record<string, ParameterDefinition>,
  warnings: string[],
): void {
  const rawDefs = isPlainObject(raw) ? raw : {};
  for (const [name, def] of Object.entries(defs)) {
    const path = childPath("parameters", name);
    if (!PARAMETER_NAME.test(name)) {
      throw documentError(
        path,
        "parameter names must be letters and digits only (^[a-zA-Z0-9]+$): the agent substitutes {{ name }} for no other names",
      );
    }
    const rawDef = rawDefs[name];
    for (const key of isPlainObject(rawDef) ? Object.keys(rawDef) : []) {
      if (!DEFINITION_KEYS.has(key)) warnings.push(`${childPath(path, key)}: is not a parameter field and is ignored`);
    }
    checkLimitPair(def.minItems, def.maxItems, path, "minItems", "maxItems");
    checkLimitPair(def.minChars, def.maxChars, path, "minChars", "maxChars");
    if (def.displayType !== undefined && !DISPLAY_TYPES.includes(def.displayType)) {
      throw documentError(childPath(path, "displayType"), `must be one of ${DISPLAY_TYPES.join(", ")}`);
    }
    checkAllowedValuesMatchPattern(def, path);
    checkDefault(name, def, path);
  }
}

function checkLimitPair(
  min: number | undefined,
  max: number | undefined,
  path: string,
  minKey: string,
  maxKey: string,
) {
  if (min !== undefined && max !== undefined && min > max) {
    throw documentError(childPath(path, minKey), `${min} is greater than ${maxKey} ${max}`);
  }
}

function checkAllowedValuesMatchPattern(def: ParameterDefinition, path: string): void {
  if (def.allowedPattern === undefined || def.allowedValues === undefined) return;
  const compiled = compileAllowedPattern(def.allowedPattern);
  if (!compiled.ok) return;
  const index = def.allowedValues.findIndex((value) => !compiled.regex.test(value));
  if (index >= 0) {
    throw documentError(
      childPath(childPath(path, "allowedValues"), index),
      `${JSON.stringify(def.allowedValues[index])} does not match allowedPattern ${def.allowedPattern}`,
    );
  }
}

/** The default must have the parameter's type and pass its own rules, as a supplied value would. */
function checkDefault(name: string, def: ParameterDefinition, path: string): void {
  if (def.default === undefined) return;
  if (def.default === null) throw documentError(childPath(path, "default"), "must not be null");
  if (typeof def.default === "string" && SSM_DEFAULT.test(def.default)) return;
  try {
    checkTypedParameters({ [name]: def }, { [name]: def.default });
  } catch (error) {
    if (error instanceof SsmError && error.code === "InvalidParameters") {
      throw documentError(childPath(path, "default"), `the default value does not fit: ${error.message}`);
    }
    throw error;
  }
}
