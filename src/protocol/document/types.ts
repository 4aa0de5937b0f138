/**
 * The shapes of a parsed SSM Command document. Everything here is plain data so the server
 * (validation at SendCommand) and the agent (defaults, re-check, interpolation) share it.
 */

/** The parameter types an SSM document may declare. */
export type ParameterType = "String" | "StringList" | "Boolean" | "Integer" | "MapList" | "StringMap";

/** Every {@link ParameterType}, for membership checks. */
export const PARAMETER_TYPES: ReadonlySet<string> = new Set<ParameterType>([
  "String",
  "StringList",
  "Boolean",
  "Integer",
  "MapList",
  "StringMap",
]);

/** One entry of a document's `parameters` section, normalised (numeric limits are numbers). */
export interface ParameterDefinition {
  type: ParameterType;
  description?: string;
  /** Absent means the parameter is required. May be any JSON value, or a `{{ssm:name}}` reference. */
  default?: unknown;
  allowedValues?: string[];
  /** Java/Go regex, matched anywhere in the value unless anchored. Never the empty string here. */
  allowedPattern?: string;
  minItems?: number;
  maxItems?: number;
  minChars?: number;
  maxChars?: number;
  displayType?: string;
  /** `ENV_VAR`: the agent also exports the value as `SSM_<name>` to the step's process. */
  interpolationType?: "ENV_VAR";
}

/** One step to run, the same shape for schema 1.2 (`runtimeConfig`) and 2.x (`mainSteps`). */
export interface DocumentStep {
  /** 2.x: `mainSteps[].name`; 1.2: the property's `id`, or `${index}.${plugin}` when it has none. */
  name: string;
  /** The plugin, e.g. `aws:runShellScript`. */
  action: string;
  /** 2.x: the step's `inputs`; 1.2: the property object itself (including its `id`). */
  inputs: Record<string, unknown>;
  precondition?: unknown;
  onFailure?: string;
  onSuccess?: string;
  finallyStep?: boolean;
  /** Plugin `settings` (2.x step or 1.2 plugin entry); interpolated like `inputs`. */
  settings?: unknown;
}

/** A parsed, structurally checked Command document. */
export interface CommandDocument {
  schemaVersion: string;
  description?: string;
  parameters: Record<string, ParameterDefinition>;
  /** In run order (2.x: as listed; 1.2: plugin keys in document order, then property order). */
  steps: DocumentStep[];
}

/**
 * Parameter values after typing: String → string, StringList → string[], Boolean → boolean,
 * Integer → number, MapList → object[], StringMap → object.
 */
export type TypedParameters = Record<string, unknown>;

/** Schema versions fleetrun accepts for Command documents. */
export const SUPPORTED_SCHEMA_VERSIONS: readonly string[] = ["1.2", "2.0", "2.0.1", "2.0.2", "2.0.3", "2.2"];
