import { SsmError, type SsmErrorCode } from "../errors.ts";

/** The code for "the document content is wrong", as CreateDocument/UpdateDocument answer it. */
export const DOCUMENT_ERROR_CODE: SsmErrorCode = "InvalidDocumentContent";

/** A document error whose message starts with the path of the offending element. */
export function documentError(path: string, message: string): SsmError {
  return new SsmError(DOCUMENT_ERROR_CODE, path === "" ? message : `${path}: ${message}`);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Extends a path: `mainSteps` + 1 → `mainSteps[1]`, `runtimeConfig` + `aws:x` → `runtimeConfig["aws:x"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** True for a JSON/YAML mapping (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
