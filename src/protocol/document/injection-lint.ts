import { childPath } from "./document-error.ts";
import { referencedNames, wholeReference } from "./references.ts";
import { type StepLocation, stepLocations } from "./step-locations.ts";
import type { CommandDocument, ParameterDefinition } from "./types.ts";

/** Plugins whose `runCommand` is script text run by a shell. */
const SCRIPT_PLUGINS: ReadonlySet<string> = new Set(["aws:runShellScript", "aws:runPowerShellScript"]);
/** Typed values that cannot carry shell syntax: the agent splices numbers and true/false. */
const INERT_TYPES: ReadonlySet<ParameterDefinition["type"]> = new Set(["Integer", "Boolean"]);
/** A value that is exactly one placeholder of these types is the caller supplying the script itself. */
const WHOLE_SCRIPT_TYPES: ReadonlySet<ParameterDefinition["type"]> = new Set(["String", "StringList"]);

/**
 * Warnings for parameters spliced into script text unconstrained: a `{{ name }}` inside a
 * `runCommand` line (or inside a one-string `runCommand`) whose parameter has neither
 * `allowedPattern` nor a non-empty `allowedValues`, so a value with quotes or `;` runs as a
 * command. Not reported: a line or `runCommand` that is exactly one String/StringList
 * placeholder (AWS-RunShellScript's `{{ commands }}`: the caller writes the script), and Integer
 * or Boolean parameters. An `interpolationType: ENV_VAR` parameter is still reported when its
 * placeholder is in the text, because the placeholder is substituted textually too; the message
 * says to read `$SSM_<name>` instead. One warning per parameter and place.
 */
export function injectionWarnings(doc: CommandDocument): string[] {
  return injectionWarningsAt(doc, stepLocations(doc));
}

/** {@link injectionWarnings} with the step locations already worked out (paths as written). */
export function injectionWarningsAt(doc: CommandDocument, locations: readonly StepLocation[]): string[] {
  const warnings: string[] = [];
  doc.steps.forEach((step, index) => {
    const location = locations[index];
    if (!SCRIPT_PLUGINS.has(step.action) || location === undefined) return;
    const runCommand = step.inputs.runCommand;
    const path = childPath(location.inputsPath, "runCommand");
    if (typeof runCommand === "string") warnings.push(...spliceWarnings(doc, runCommand, path));
    else if (Array.isArray(runCommand)) {
      runCommand.forEach((line, lineIndex) => {
        if (typeof line === "string") warnings.push(...spliceWarnings(doc, line, childPath(path, lineIndex)));
      });
    }
  });
  return warnings;
}

function spliceWarnings(doc: CommandDocument, text: string, path: string): string[] {
  const whole = wholeReference(text);
  const wholeDef = whole === undefined ? undefined : definition(doc, whole);
  if (wholeDef !== undefined && WHOLE_SCRIPT_TYPES.has(wholeDef.type)) return [];
  const warnings: string[] = [];
  for (const name of referencedNames(text)) {
    const def = definition(doc, name);
    if (def === undefined || INERT_TYPES.has(def.type) || isConstrained(def)) continue;
    warnings.push(
      def.interpolationType === "ENV_VAR"
        ? `parameter "${name}" has interpolationType ENV_VAR but {{ ${name} }} is still spliced into ${path} without allowedPattern or allowedValues: the placeholder is replaced in the script text too — read "$SSM_${name}" instead, or add allowedPattern`
        : `parameter "${name}" is spliced into ${path} without allowedPattern or allowedValues: a value like x"; rm -rf / #" could run as a command — add allowedPattern or use interpolationType ENV_VAR and read $SSM_${name}`,
    );
  }
  return warnings;
}

function definition(doc: CommandDocument, name: string): ParameterDefinition | undefined {
  return Object.hasOwn(doc.parameters, name) ? doc.parameters[name] : undefined;
}

function isConstrained(def: ParameterDefinition): boolean {
  return def.allowedPattern !== undefined || (def.allowedValues !== undefined && def.allowedValues.length > 0);
}
