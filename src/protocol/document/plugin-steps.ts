import { goJsonMarshal } from "./go-json.ts";
import { interpolate } from "./interpolate.ts";
import type { CommandDocument, DocumentStep, TypedParameters } from "./types.ts";

/** A step ready to run: inputs interpolated, plus the `SSM_<name>` variables of ENV_VAR parameters. */
export type PlannedStep = DocumentStep & { env: Record<string, string> };

const DEFAULT_TIMEOUT_SECONDS = 3600;
const MIN_TIMEOUT_SECONDS = 5;
const MAX_TIMEOUT_SECONDS = 172800;

const ALL_PLATFORMS = ["Windows", "Linux", "MacOS"] as const;
type Platform = (typeof ALL_PLATFORMS)[number];

/** Platforms each known Command plugin runs on (what AWS reports in `PlatformTypes`). */
const PLUGIN_PLATFORMS: Readonly<Record<string, readonly Platform[]>> = {
  "aws:runShellScript": ["Linux", "MacOS"],
  "aws:runPowerShellScript": ALL_PLATFORMS,
  "aws:runDocument": ALL_PLATFORMS,
  "aws:downloadContent": ALL_PLATFORMS,
  "aws:configurePackage": ALL_PLATFORMS,
  "aws:softwareInventory": ALL_PLATFORMS,
  "aws:updateSsmAgent": ALL_PLATFORMS,
  "aws:refreshAssociation": ALL_PLATFORMS,
  "aws:domainJoin": ["Windows", "Linux"],
  "aws:configureDocker": ["Windows", "Linux"],
  "aws:runDockerAction": ["Windows", "Linux"],
  "aws:applications": ["Windows"],
  "aws:cloudWatch": ["Windows"],
  "aws:configureContainers": ["Windows"],
  "aws:psModule": ["Windows"],
  "aws:updateAgent": ["Windows"],
};

/**
 * The steps to run for one invocation. Parameters missing from `params` take their document
 * `default` (as the agent does); `inputs`, `settings` and `precondition` are interpolated with
 * {@link interpolate}. Every step gets `env`: `SSM_<name>` for each `interpolationType: ENV_VAR`
 * parameter that has a value (strings as is, StringList joined with ",", others as JSON).
 * `{{ name }}` placeholders of ENV_VAR parameters are still substituted textually, as older
 * agents do; documents are meant to read `$SSM_<name>` instead.
 */
export function planSteps(doc: CommandDocument, params: TypedParameters): PlannedStep[] {
  const values: TypedParameters = {};
  for (const [name, def] of Object.entries(doc.parameters)) {
    if (def.default !== undefined) values[name] = def.default;
  }
  Object.assign(values, params);
  const env: Record<string, string> = {};
  for (const [name, def] of Object.entries(doc.parameters)) {
    const value = values[name];
    if (def.interpolationType === "ENV_VAR" && value !== undefined && value !== null) {
      env[`SSM_${name}`] = envText(value);
    }
  }
  return doc.steps.map((step) => {
    const planned: PlannedStep = {
      ...step,
      inputs: interpolate(step.inputs, values) as Record<string, unknown>,
      env: { ...env },
    };
    if (step.precondition !== undefined) planned.precondition = interpolate(step.precondition, values);
    if (step.settings !== undefined) planned.settings = interpolate(step.settings, values);
    return planned;
  });
}

function envText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(",");
  return goJsonMarshal(value);
}

/**
 * The platforms a document runs on: the union over its steps' plugins, in the order
 * Windows, Linux, MacOS (AWS-RunShellScript → Linux, MacOS; AWS-RunPowerShellScript → all three).
 * Plugins fleetrun does not know contribute nothing.
 */
export function platformTypesOf(doc: CommandDocument): string[] {
  const found = new Set<Platform>();
  for (const step of doc.steps) {
    for (const platform of PLUGIN_PLATFORMS[step.action] ?? []) found.add(platform);
  }
  return ALL_PLATFORMS.filter((platform) => found.has(platform));
}

/**
 * The execution timeout a plan implies, in seconds: the sum over steps of each step's
 * `timeoutSeconds`, normalised like the agent's `ValidateExecutionTimeout` (a whole-number string
 * or a number, truncated; missing, unparsable or outside 5..172800 → 3600).
 */
export function executionTimeoutOf(steps: ReadonlyArray<{ inputs: Record<string, unknown> }>): number {
  return steps.reduce((total, step) => total + normaliseTimeout(step.inputs.timeoutSeconds), 0);
}

function normaliseTimeout(raw: unknown): number {
  let seconds = Number.NaN;
  if (typeof raw === "string" && /^[+-]?\d+$/.test(raw)) seconds = Number(raw);
  else if (typeof raw === "number") seconds = Math.trunc(raw);
  if (!Number.isFinite(seconds) || seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
    return DEFAULT_TIMEOUT_SECONDS;
  }
  return seconds;
}
