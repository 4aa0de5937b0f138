import { childPath, documentError } from "./document-error.ts";
import { checkAction, checkPluginInputs } from "./plugin-inputs.ts";
import { checkPrecondition } from "./precondition.ts";
import { forEachString, referencedNames } from "./references.ts";
import type { StepLocation } from "./step-locations.ts";
import type { CommandDocument, DocumentStep, ParameterDefinition } from "./types.ts";

const STEP_KEYS: ReadonlySet<string> = new Set([
  "action",
  "name",
  "inputs",
  "precondition",
  "settings",
  "onFailure",
  "onSuccess",
  "finallyStep",
]);
/** Schema 2.x step names. AWS documents no rule; names become directories on the node, so keep them plain. */
const STEP_NAME = /^[a-zA-Z0-9_.-]{1,100}$/;
/** Schema 1.2 property ids, which AWS writes as `0.aws:runShellScript`. */
const PROPERTY_ID = /^[a-zA-Z0-9_.:-]{1,100}$/;
const FLOW_VALUES: Readonly<Record<"onFailure" | "onSuccess", readonly string[]>> = {
  onFailure: ["exit", "successAndExit"],
  onSuccess: ["exit"],
};

/**
 * The step rules of CreateDocument: step names (2.x `name`, 1.2 optional `id`) well formed and
 * unique ignoring case; known plugins (warning for those fleetrun cannot run); every `{{ name }}`
 * in inputs, settings and precondition defined; `onFailure`/`onSuccess`/`finallyStep` valid
 * (in `inputs` as AWS writes them, or on the step) with `finallyStep` only on the last step;
 * `precondition` only in schema 2.2 and well formed; the inputs of the plugins fleetrun runs.
 */
export function checkSteps(doc: CommandDocument, locations: readonly StepLocation[], warnings: string[]): void {
  const isSchema12 = doc.schemaVersion.startsWith("1.");
  const names = new Map<string, string>();
  doc.steps.forEach((step, index) => {
    const location = locations[index];
    if (location === undefined) return;
    checkStepName(step, location, isSchema12, names);
    checkAction(step.action, location.actionPath, warnings);
    if (!isSchema12) {
      for (const key of Object.keys(location.raw ?? {})) {
        if (!STEP_KEYS.has(key)) warnings.push(`${childPath(location.path, key)}: is not a step field and is ignored`);
      }
    }
    checkReferences(step, location, doc.parameters);
    checkFlow(step, location, isSchema12, index === doc.steps.length - 1);
    if (step.precondition !== undefined) {
      const path = childPath(location.path, "precondition");
      if (doc.schemaVersion !== "2.2") throw documentError(path, "requires schemaVersion 2.2");
      checkPrecondition(step.precondition, path);
    }
    checkPluginInputs(step.action, step.inputs, location.inputsPath, isSchema12, {
      params: doc.parameters,
      warnings,
    });
  });
}

function checkStepName(step: DocumentStep, location: StepLocation, isSchema12: boolean, names: Map<string, string>) {
  const written = isSchema12 ? location.raw?.id : step.name;
  if (typeof written === "string" && written !== "") {
    const rule = isSchema12 ? PROPERTY_ID : STEP_NAME;
    if (!rule.test(written) || written === "." || written === "..") {
      throw documentError(
        location.namePath,
        `${JSON.stringify(written)} must be 1 to 100 of ${describeRule(isSchema12)}`,
      );
    }
  }
  const key = step.name.toLowerCase();
  const other = names.get(key);
  if (other !== undefined) {
    throw documentError(
      location.namePath,
      `step names ${JSON.stringify(other)} and ${JSON.stringify(step.name)} differ only in case; they must be unique ignoring case`,
    );
  }
  names.set(key, step.name);
}

function describeRule(isSchema12: boolean): string {
  return isSchema12 ? "letters, digits, '_', '.', ':' and '-'" : "letters, digits, '_', '.' and '-'";
}

function checkReferences(step: DocumentStep, location: StepLocation, params: Record<string, ParameterDefinition>) {
  const visit = (text: string, path: string) => {
    for (const name of referencedNames(text)) {
      if (!Object.hasOwn(params, name)) throw documentError(path, `references undefined parameter "${name}"`);
    }
  };
  forEachString(step.inputs, location.inputsPath, visit);
  if (step.settings !== undefined) forEachString(step.settings, location.settingsPath, visit);
  if (step.precondition !== undefined)
    forEachString(step.precondition, childPath(location.path, "precondition"), visit);
}

function checkFlow(step: DocumentStep, location: StepLocation, isSchema12: boolean, isLast: boolean): void {
  const onStep = isSchema12 ? {} : (location.raw ?? {});
  for (const key of ["onFailure", "onSuccess"] as const) {
    const allowed = FLOW_VALUES[key];
    const places: [unknown, string][] = [
      [step.inputs[key], childPath(location.inputsPath, key)],
      [onStep[key], childPath(location.path, key)],
    ];
    for (const [value, path] of places) {
      if (value === undefined || value === null) continue;
      if (typeof value !== "string" || !allowed.includes(value)) {
        throw documentError(path, `must be ${allowed.map((v) => JSON.stringify(v)).join(" or ")}`);
      }
    }
    checkNoConflict(places, key);
  }
  const finallyPath = childPath(location.inputsPath, "finallyStep");
  const inInputs = step.inputs.finallyStep;
  if (inInputs !== undefined && inInputs !== null && typeof inInputs !== "boolean") {
    if (inInputs !== "true" && inInputs !== "false") throw documentError(finallyPath, "must be true or false");
  }
  checkNoConflict(
    [
      [inInputs === "true" || inInputs === "false" ? inInputs === "true" : inInputs, finallyPath],
      [onStep.finallyStep, childPath(location.path, "finallyStep")],
    ],
    "finallyStep",
  );
  if (step.finallyStep === true && !isLast) {
    const path = onStep.finallyStep === true ? childPath(location.path, "finallyStep") : finallyPath;
    throw documentError(path, "only the last step can be the finally step");
  }
}

function checkNoConflict(places: [unknown, string][], key: string): void {
  const [[inInputs, inputsPath], [onStep]] = places as [[unknown, string], [unknown, string]];
  const present = (value: unknown) => value !== undefined && value !== null;
  if (present(inInputs) && present(onStep) && inInputs !== onStep) {
    throw documentError(inputsPath, `conflicts with the step's ${key} ${JSON.stringify(onStep)}`);
  }
}
