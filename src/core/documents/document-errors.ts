/** The errors of the document operations, worded once. Each names the document concerned. */
import { SsmError, validationError } from "../../protocol/errors.ts";

/** Refuses Attachments and Requires, which fleetrun's Command documents do not use. */
export function checkUnsupported(input: { Attachments?: unknown[]; Requires?: unknown[] }): void {
  if ((input.Attachments?.length ?? 0) > 0) throw validationError("fleetrun does not support document attachments.");
  if (input.Requires !== undefined) {
    throw validationError("fleetrun does not support Requires (it is for other document types).");
  }
}

/** `InvalidDocument`: no such document. */
export function notFound(name: string): SsmError {
  return new SsmError("InvalidDocument", `Document ${name} does not exist or is not shared with you.`);
}

/** `DocumentAlreadyExists`. */
export function alreadyExists(name: string): SsmError {
  return new SsmError("DocumentAlreadyExists", `Document with name ${name} already exists.`);
}

/** `InvalidDocumentOperation`: the built-ins are read-only. */
export function readOnly(name: string, verb: string): SsmError {
  return new SsmError("InvalidDocumentOperation", `Document ${name} is owned by Amazon and can't be ${verb}.`);
}

/** `InvalidDocumentOperation`: the default version goes only with the whole document. */
export function defaultVersionDelete(name: string): SsmError {
  return new SsmError(
    "InvalidDocumentOperation",
    `The default version of document ${name} can't be deleted alone: make another version the default or delete the whole document.`,
  );
}
