import { SsmError } from "../../protocol/errors.ts";

/**
 * Turns what the HTTP framework refuses before a route runs (body too large, a content type it
 * cannot read, a bad Content-Length) into the AWS error a client expects; anything else is left
 * as it is for the one error mapper.
 */
export function frameworkError(error: unknown, bodyLimit: number): unknown {
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new SsmError("RequestEntityTooLarge", `The request body exceeds ${bodyLimit} bytes.`, 413);
  }
  if (code?.startsWith("FST_ERR_CTP_")) {
    return new SsmError(
      "SerializationException",
      "The request body could not be read: send Content-Type application/x-amz-json-1.1 (SSM, CloudTrail) or application/x-www-form-urlencoded (IAM).",
    );
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return new SsmError("ValidationException", (error as Error).message);
  }
  return error;
}
