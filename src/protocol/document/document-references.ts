import { SsmError } from "../errors.ts";
import { isPlainObject } from "./document-error.ts";
import { resolveParameters } from "./parameters.ts";
import type { ParameterDefinition, TypedParameters } from "./types.ts";

/** How deep `aws:runDocument` may nest documents: the invoked document plus three levels. */
export const MAX_DOCUMENT_NESTING = 3;

/** A stored document a step names: `Name`, `Name:3`, `Name:$LATEST` or `Name:$DEFAULT`. */
export interface DocumentReference {
  /** The text as the step wrote it; the key of the documents attached to an invocation. */
  key: string;
  name: string;
  version?: string;
}

const VERSION = /^(?:[1-9][0-9]*|\$LATEST|\$DEFAULT)$/;

/** Splits `name:version` (only a number, `$LATEST` or `$DEFAULT` counts as a version; ARNs keep their colons). */
export function parseDocumentReference(key: string): DocumentReference {
  const colon = key.lastIndexOf(":");
  const version = colon > 0 ? key.slice(colon + 1) : "";
  if (VERSION.test(version)) return { key, name: key.slice(0, colon), version };
  return { key, name: key };
}

/** The key of an `aws:downloadContent` SSMDocument source: `name` or `name:version`. */
export function sourceDocumentKey(sourceInfo: Record<string, unknown>): string | undefined {
  const { name, version } = sourceInfo;
  if (typeof name !== "string" || name === "") return undefined;
  return typeof version === "string" && version !== "" ? `${name}:${version}` : name;
}

/** `sourceInfo` as an object: given as one, or as JSON text (undefined when it is neither). */
export function sourceInfoOf(value: unknown): Record<string, unknown> | undefined {
  if (isPlainObject(value)) return value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored documents interpolated steps refer to: `aws:runDocument` with documentType
 * SSMDocument (its `documentPath`) and `aws:downloadContent` with sourceType SSMDocument (its
 * `sourceInfo.name` and `version`). Each key once, in step order.
 */
export function documentReferences(
  steps: ReadonlyArray<{ action: string; inputs: Record<string, unknown> }>,
): DocumentReference[] {
  const keys: string[] = [];
  for (const { action, inputs } of steps) {
    if (action === "aws:runDocument" && inputs.documentType === "SSMDocument") {
      if (typeof inputs.documentPath === "string" && inputs.documentPath !== "") keys.push(inputs.documentPath);
    } else if (action === "aws:downloadContent" && inputs.sourceType === "SSMDocument") {
      const info = sourceInfoOf(inputs.sourceInfo);
      const key = info && sourceDocumentKey(info);
      if (key) keys.push(key);
    }
  }
  return [...new Set(keys)].map(parseDocumentReference);
}

/**
 * Types `aws:runDocument`'s `documentParameters` (an object, or JSON text of one; absent = none)
 * for the nested document, as SendCommand would: defaults applied, every rule checked.
 * @throws SsmError `InvalidParameters`.
 */
export function nestedParameters(defs: Record<string, ParameterDefinition>, raw: unknown): TypedParameters {
  let given: unknown = raw;
  if (raw === undefined || raw === null || raw === "") given = {};
  else if (typeof raw === "string") given = sourceInfoOf(raw);
  if (!isPlainObject(given)) {
    throw new SsmError("InvalidParameters", "documentParameters must be an object, or a JSON object written as text.");
  }
  const api: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(given)) {
    api[name] = Array.isArray(value) ? value.map(apiText) : [apiText(value)];
  }
  return resolveParameters(defs, api);
}

function apiText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}
