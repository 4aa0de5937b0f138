/**
 * SSM Command documents: parsing, the built-in documents, parameter typing and validation, and
 * `{{ }}` interpolation as the SSM agent does it. Pure: shared by the server and the agent.
 */
export { type CompiledPattern, compileAllowedPattern } from "./allowed-pattern.ts";
export { BUILTIN_DOCUMENTS, type BuiltinDocument } from "./builtin-documents.ts";
export { DOCUMENT_ERROR_CODE } from "./document-error.ts";
export { documentHash } from "./document-hash.ts";
export { interpolate } from "./interpolate.ts";
export { checkTypedParameters, resolveParameters } from "./parameters.ts";
export { parseDocument } from "./parse-document.ts";
export { executionTimeoutOf, type PlannedStep, planSteps, platformTypesOf } from "./plugin-steps.ts";
export type {
  CommandDocument,
  DocumentStep,
  ParameterDefinition,
  ParameterType,
  TypedParameters,
} from "./types.ts";
export { SUPPORTED_SCHEMA_VERSIONS } from "./types.ts";
