import { parse as parseYaml } from "yaml";
import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { parseParameterDefinitions } from "./parameter-definitions.ts";
import { type CommandDocument, type DocumentStep, SUPPORTED_SCHEMA_VERSIONS } from "./types.ts";

/**
 * Parses Command document text (JSON or YAML) into a {@link CommandDocument} with normalised
 * steps. Without `format`, JSON is tried first and YAML second (the agent does not know the
 * format of what it receives). Throws a document error (see `DOCUMENT_ERROR_CODE`) whose
 * message starts with the path of the offending element.
 */
export function parseDocument(content: string, format?: "JSON" | "YAML"): CommandDocument {
  return documentFromObject(decodeDocument(content, format));
}

/**
 * The structural part of {@link parseDocument} for already decoded content. Throws a document
 * error (see `DOCUMENT_ERROR_CODE`) whose message starts with the path of the offending element.
 */
export function documentFromObject(root: unknown): CommandDocument {
  if (!isPlainObject(root)) throw documentError("", "the document must be a JSON or YAML object");
  const schemaVersion = parseSchemaVersion(root.schemaVersion);
  const doc: CommandDocument = {
    schemaVersion,
    parameters: parseParameterDefinitions(root.parameters),
    steps: schemaVersion.startsWith("1.") ? stepsFromRuntimeConfig(root.runtimeConfig) : stepsFromMainSteps(root),
  };
  if (root.description !== undefined && root.description !== null) {
    if (typeof root.description !== "string") throw documentError("description", "must be a string");
    doc.description = root.description;
  }
  return doc;
}

/**
 * Decodes document text: JSON, or YAML 1.2 (core schema, unique keys). Without `format`, JSON is
 * tried first and YAML second. Throws a document error when the text is neither.
 */
export function decodeDocument(content: string, format?: "JSON" | "YAML"): unknown {
  if (format === "YAML") return decodeYaml(content);
  try {
    return JSON.parse(content);
  } catch (error) {
    if (format === "JSON") throw documentError("", `the document is not valid JSON: ${describe(error)}`);
  }
  return decodeYaml(content);
}

function decodeYaml(content: string): unknown {
  try {
    // YAML 1.2 core schema: `yes`/`on` stay strings; duplicate keys are errors.
    return parseYaml(content, {
      version: "1.2",
      schema: "core",
      uniqueKeys: true,
      maxAliasCount: 100,
      logLevel: "error",
    });
  } catch (error) {
    throw documentError("", `the document is neither valid JSON nor valid YAML: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

function parseSchemaVersion(raw: unknown): string {
  if (raw === undefined || raw === null) throw documentError("schemaVersion", "is required");
  // Unquoted YAML `schemaVersion: 2.2` is a number; 1.2 and 2.2 survive that round trip.
  const version = typeof raw === "number" ? String(raw) : raw;
  if (typeof version !== "string" || !SUPPORTED_SCHEMA_VERSIONS.includes(version)) {
    throw documentError(
      "schemaVersion",
      `${JSON.stringify(raw)} is not supported for Command documents (use one of ${SUPPORTED_SCHEMA_VERSIONS.join(", ")}, as a string)`,
    );
  }
  return version;
}

/** Schema 1.2: `runtimeConfig: { <plugin>: { properties: [ {id, ...inputs} ], settings? } }`. */
function stepsFromRuntimeConfig(raw: unknown): DocumentStep[] {
  const path = "runtimeConfig";
  if (raw === undefined || raw === null) throw documentError(path, "is required for schema 1.2");
  if (!isPlainObject(raw)) throw documentError(path, "must be a map of plugin name to plugin configuration");
  const steps: DocumentStep[] = [];
  const names = new Set<string>();
  for (const [plugin, config] of Object.entries(raw)) {
    const pluginPath = childPath(path, plugin);
    if (plugin.trim() === "") throw documentError(pluginPath, "plugin name must not be empty");
    if (!isPlainObject(config)) throw documentError(pluginPath, "must be a plugin configuration object");
    const properties = config.properties;
    // A single property object is accepted as a one-element list.
    const list = Array.isArray(properties) ? properties : properties === undefined ? [] : [properties];
    list.forEach((property, index) => {
      const propertyPath = Array.isArray(properties)
        ? childPath(childPath(pluginPath, "properties"), index)
        : childPath(pluginPath, "properties");
      if (!isPlainObject(property)) throw documentError(propertyPath, "must be an object");
      const id = property.id;
      if (id !== undefined && id !== null && typeof id !== "string") {
        throw documentError(childPath(propertyPath, "id"), "must be a string");
      }
      const name = typeof id === "string" && id !== "" ? id : `${index}.${plugin}`;
      claimName(names, name, childPath(propertyPath, "id"));
      const step: DocumentStep = { name, action: plugin, inputs: { ...property } };
      if (config.settings !== undefined && config.settings !== null) step.settings = config.settings;
      liftSharedInputs(step);
      steps.push(step);
    });
  }
  if (steps.length === 0) throw documentError(path, "must define at least one plugin property");
  return steps;
}

/** Schema 2.x: `mainSteps: [ {action, name, inputs, precondition?, onFailure?, onSuccess?, finallyStep?} ]`. */
function stepsFromMainSteps(root: Record<string, unknown>): DocumentStep[] {
  const path = "mainSteps";
  const raw = root.mainSteps;
  if (raw === undefined || raw === null) throw documentError(path, "is required for schema 2.x");
  if (!Array.isArray(raw) || raw.length === 0) throw documentError(path, "must be a non-empty list of steps");
  const names = new Set<string>();
  return raw.map((item, index) => {
    const stepPath = childPath(path, index);
    if (!isPlainObject(item)) throw documentError(stepPath, "must be a step object");
    const action = item.action;
    if (typeof action !== "string" || action.trim() === "") {
      throw documentError(childPath(stepPath, "action"), "must be a non-empty string naming a plugin");
    }
    const name = item.name;
    if (typeof name !== "string" || name.trim() === "") {
      throw documentError(childPath(stepPath, "name"), "must be a non-empty string");
    }
    claimName(names, name, childPath(stepPath, "name"));
    const inputs = item.inputs ?? {};
    if (!isPlainObject(inputs)) throw documentError(childPath(stepPath, "inputs"), "must be an object");
    const step: DocumentStep = { name, action, inputs: { ...inputs } };
    if (item.precondition !== undefined && item.precondition !== null) {
      if (!isPlainObject(item.precondition)) {
        throw documentError(childPath(stepPath, "precondition"), "must be an object");
      }
      step.precondition = item.precondition;
    }
    const onFailure = optionalString(item, "onFailure", stepPath);
    if (onFailure !== undefined) step.onFailure = onFailure;
    const onSuccess = optionalString(item, "onSuccess", stepPath);
    if (onSuccess !== undefined) step.onSuccess = onSuccess;
    if (item.finallyStep !== undefined && item.finallyStep !== null) {
      if (typeof item.finallyStep !== "boolean") {
        throw documentError(childPath(stepPath, "finallyStep"), "must be true or false");
      }
      step.finallyStep = item.finallyStep;
    }
    if (item.settings !== undefined && item.settings !== null) step.settings = item.settings;
    liftSharedInputs(step);
    return step;
  });
}

/**
 * AWS documents put the flow controls in `inputs` ("shared inputs": `onFailure`, `onSuccess`,
 * `finallyStep`, read by the agent from the step's properties); fleetrun also accepts them on the
 * step itself. A literal value in `inputs` fills the step field when the step does not set it.
 */
function liftSharedInputs(step: DocumentStep): void {
  const { onFailure, onSuccess, finallyStep } = step.inputs;
  if (step.onFailure === undefined && typeof onFailure === "string") step.onFailure = onFailure;
  if (step.onSuccess === undefined && typeof onSuccess === "string") step.onSuccess = onSuccess;
  if (step.finallyStep === undefined) {
    // The agent reads a boolean or its text form.
    if (typeof finallyStep === "boolean") step.finallyStep = finallyStep;
    else if (finallyStep === "true" || finallyStep === "false") step.finallyStep = finallyStep === "true";
  }
}

function optionalString(raw: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw documentError(childPath(path, key), "must be a string");
  return value;
}

function claimName(names: Set<string>, name: string, path: string): void {
  if (names.has(name)) throw documentError(path, `duplicate step name ${JSON.stringify(name)}`);
  names.add(name);
}
