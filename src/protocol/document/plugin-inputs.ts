import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { referencedNames, wholeReference } from "./references.ts";
import type { ParameterDefinition, ParameterType } from "./types.ts";

/** Every plugin AWS lists for Command documents; validation accepts these and no others. */
export const COMMAND_PLUGINS: readonly string[] = [
  "aws:applications",
  "aws:cloudWatch",
  "aws:configureContainers",
  "aws:configureDocker",
  "aws:configurePackage",
  "aws:domainJoin",
  "aws:downloadContent",
  "aws:psModule",
  "aws:refreshAssociation",
  "aws:runDockerAction",
  "aws:runDocument",
  "aws:runPowerShellScript",
  "aws:runShellScript",
  "aws:softwareInventory",
  "aws:updateAgent",
  "aws:updateSsmAgent",
];

/** The plugins the fleetrun agent runs; documents using any other plugin get a warning. */
export const FLEETRUN_PLUGINS: readonly string[] = [
  "aws:runShellScript",
  "aws:runPowerShellScript",
  "aws:runDocument",
  "aws:downloadContent",
];

/** Inputs every plugin accepts (checked with the step's flow fields, not here). */
export const SHARED_INPUTS: ReadonlySet<string> = new Set(["onFailure", "onSuccess", "finallyStep"]);

const MIN_TIMEOUT_SECONDS = 5;
const MAX_TIMEOUT_SECONDS = 172800;

/** What an input check needs besides the value: the parameters, and where warnings go. */
interface InputContext {
  params: Record<string, ParameterDefinition>;
  warnings: string[];
}

type InputCheck = (value: unknown, path: string, ctx: InputContext) => void;

interface InputSpec {
  required?: boolean;
  check: InputCheck;
}

/**
 * Throws when `action` is not a Command plugin; warns when fleetrun's agent cannot run it.
 * `path` is where the plugin is named (`mainSteps[0].action` or `runtimeConfig["aws:x"]`).
 */
export function checkAction(action: string, path: string, warnings: string[]): void {
  if (!COMMAND_PLUGINS.includes(action)) {
    throw documentError(
      path,
      `unknown plugin ${JSON.stringify(action)}: Command documents can use ${COMMAND_PLUGINS.join(", ")}`,
    );
  }
  if (!FLEETRUN_PLUGINS.includes(action)) {
    warnings.push(
      `${path}: ${action} is a valid SSM plugin, but the fleetrun agent runs only ${FLEETRUN_PLUGINS.join(", ")}; this step fails on fleetrun nodes`,
    );
  }
}

/**
 * Checks the inputs of a plugin fleetrun runs: required inputs present, each of the right type
 * (a `{{ name }}` that is the whole value must name a parameter of a fitting type). Inputs the
 * plugin does not know are reported as warnings. Other plugins' inputs are not checked.
 */
export function checkPluginInputs(
  action: string,
  inputs: Record<string, unknown>,
  inputsPath: string,
  isSchema12: boolean,
  ctx: InputContext,
): void {
  const specs = PLUGIN_INPUTS[action];
  if (specs === undefined) return;
  for (const [key, spec] of Object.entries(specs)) {
    const path = childPath(inputsPath, key);
    const value = inputs[key];
    if (value === undefined || value === null) {
      if (spec.required) throw documentError(path, `is required for ${action}`);
      continue;
    }
    spec.check(value, path, ctx);
  }
  for (const key of Object.keys(inputs)) {
    if (Object.hasOwn(specs, key) || SHARED_INPUTS.has(key) || (isSchema12 && key === "id")) continue;
    ctx.warnings.push(`${childPath(inputsPath, key)}: is not an input of ${action} and is ignored`);
  }
}

/**
 * True when `value` is exactly `{{ name }}` (the parameter's typed value replaces it). Throws
 * when that parameter's type does not fit; an undefined name is left to the reference check.
 */
function wholeParameter(value: unknown, path: string, ctx: InputContext, types: ParameterType[]): boolean {
  if (typeof value !== "string") return false;
  const name = wholeReference(value);
  if (name === undefined) return false;
  const def = Object.hasOwn(ctx.params, name) ? ctx.params[name] : undefined;
  if (def !== undefined && !types.includes(def.type)) {
    throw documentError(path, `parameter "${name}" is of type ${def.type}, but this input takes ${types.join(" or ")}`);
  }
  return true;
}

const checkRunCommand: InputCheck = (value, path, ctx) => {
  if (wholeParameter(value, path, ctx, ["String", "StringList"]) || typeof value === "string") return;
  if (!Array.isArray(value)) throw documentError(path, "must be a list of strings or a string");
  value.forEach((line, index) => {
    const linePath = childPath(path, index);
    if (wholeParameter(line, linePath, ctx, ["String", "StringList"])) return;
    if (typeof line !== "string") throw documentError(linePath, "must be a string");
  });
};

const checkTimeout: InputCheck = (value, path, ctx) => {
  if (wholeParameter(value, path, ctx, ["String", "Integer"])) return;
  let seconds: number | undefined;
  if (typeof value === "number" && Number.isFinite(value)) seconds = Math.trunc(value);
  else if (typeof value === "string" && /^[+-]?\d+$/.test(value)) seconds = Number(value);
  else if (typeof value === "string" && referencedNames(value).length > 0) return;
  if (seconds === undefined) throw documentError(path, "must be a whole number of seconds, as a number or a string");
  if (seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
    ctx.warnings.push(
      `${path}: ${seconds} is outside ${MIN_TIMEOUT_SECONDS}..${MAX_TIMEOUT_SECONDS} seconds; the agent uses 3600 instead`,
    );
  }
};

const checkString: InputCheck = (value, path, ctx) => {
  if (wholeParameter(value, path, ctx, ["String"])) return;
  if (typeof value !== "string") throw documentError(path, "must be a string");
};

const checkNonEmptyString: InputCheck = (value, path, ctx) => {
  checkString(value, path, ctx);
  if (value === "") throw documentError(path, "must not be empty");
};

function oneOf(allowed: readonly string[]): InputCheck {
  return (value, path, ctx) => {
    checkString(value, path, ctx);
    const text = value as string;
    if (referencedNames(text).length > 0 || allowed.includes(text)) return;
    throw documentError(path, `must be one of ${allowed.join(", ")}`);
  };
}

const checkObjectOrString: InputCheck = (value, path, ctx) => {
  if (wholeParameter(value, path, ctx, ["String", "StringMap"])) return;
  if (!isPlainObject(value) && typeof value !== "string") throw documentError(path, "must be an object or a string");
};

const checkJsonObject: InputCheck = (value, path, ctx) => {
  if (wholeParameter(value, path, ctx, ["String", "StringMap"]) || isPlainObject(value)) return;
  if (typeof value === "string" && (referencedNames(value).length > 0 || isPlainObject(parseJson(value)))) return;
  throw documentError(path, "must be an object, or a JSON object written as a string");
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SCRIPT_INPUTS: Readonly<Record<string, InputSpec>> = {
  runCommand: { required: true, check: checkRunCommand },
  workingDirectory: { check: checkString },
  timeoutSeconds: { check: checkTimeout },
};

const PLUGIN_INPUTS: Readonly<Record<string, Readonly<Record<string, InputSpec>>>> = {
  "aws:runShellScript": SCRIPT_INPUTS,
  "aws:runPowerShellScript": SCRIPT_INPUTS,
  "aws:runDocument": {
    documentType: { required: true, check: oneOf(["SSMDocument", "LocalPath"]) },
    documentPath: { required: true, check: checkNonEmptyString },
    documentParameters: { check: checkObjectOrString },
  },
  "aws:downloadContent": {
    sourceType: { required: true, check: oneOf(["GitHub", "S3", "HTTP", "SSMDocument"]) },
    sourceInfo: { required: true, check: checkJsonObject },
    destinationPath: { check: checkString },
  },
};
