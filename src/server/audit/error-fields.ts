import { redactSignatures } from "../../core/audit/redact.ts";
import { SsmError } from "../../protocol/errors.ts";

/** `errorCode` and `errorMessage` of a failed call. */
export interface ErrorFields {
  errorCode: string;
  errorMessage: string;
}

/**
 * The trail's error fields for what a call threw: the code and message the client saw for typed
 * errors (SsmError, or any Error with a string `code` and a 4xx `httpStatus`, as the CloudTrail
 * and IAM protocols' errors have), `InternalServerError` without internals for anything else.
 * Signatures quoted in messages (IncompleteSignatureException quotes the Authorization header)
 * are cut out.
 */
export function errorFields(error: unknown): ErrorFields {
  if (error instanceof SsmError) return { errorCode: error.code, errorMessage: redactSignatures(error.message) };
  if (error instanceof Error) {
    const { code, httpStatus } = error as Error & { code?: unknown; httpStatus?: unknown };
    if (typeof code === "string" && typeof httpStatus === "number" && httpStatus < 500) {
      return { errorCode: code, errorMessage: redactSignatures(error.message) };
    }
  }
  return { errorCode: "InternalServerError", errorMessage: "An internal error occurred." };
}
