import { SsmError } from "../../protocol/errors.ts";

/**
 * The one place errors become HTTP responses. Anything that is not an SsmError is a bug: it is
 * logged by the caller and answered as InternalServerError without internals.
 */
export function errorResponse(error: unknown): { status: number; body: Record<string, string> } {
  if (error instanceof SsmError) return { status: error.httpStatus, body: error.toBody() };
  const internal = new SsmError("InternalServerError", "An internal error occurred; the server log has the details.");
  return { status: 500, body: internal.toBody() };
}
