/**
 * SSM Command documents: parsing, the built-in documents, parameter typing and validation, and
 * `{{ }}` interpolation as the SSM agent does it. Pure: shared by the server and the agent.
 */
export { type CompiledPattern, compileAllowedPattern } from "./allowed-pattern.ts";
export { BUILTIN_DOCUMENTS, type BuiltinDocument } from "./builtin-documents.ts";
export { DOCUMENT_ERROR_CODE } from "./document-error.ts";
export { documentHash } from "./document-hash.ts";
export { injectionWarnings } from "./injection-lint.ts";
export { interpolate } from "./interpolate.ts";
export { checkTypedParameters, resolveParameters } from "./parameters.ts";
export { decodeDocument, documentFromObject, parseDocument } from "./parse-document.ts";
export { COMMAND_PLUGINS, FLEETRUN_PLUGINS } from "./plugin-inputs.ts";
export { executionTimeoutOf, type PlannedStep, planSteps, platformTypesOf } from "./plugin-steps.ts";
export { evaluatePrecondition, type PlatformType } from "./precondition.ts";
export type {
  CommandDocument,
  DocumentStep,
  ParameterDefinition,
  ParameterType,
  TypedParameters,
} from "./types.ts";
export { SUPPORTED_SCHEMA_VERSIONS } from "./types.ts";
export { type ValidatedDocument, validateDocument } from "./validate-document.ts";
