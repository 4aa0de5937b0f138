import { SsmError } from "../../protocol/errors.ts";
import type { AwsRequest, AwsResponse } from "./aws-protocol.ts";

/** The content type of every AWS JSON 1.1 request and response. */
export const AWS_JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** The request's `X-Amz-Target` header ("" when absent). */
export function targetOf(request: AwsRequest): string {
  const value = request.headers["x-amz-target"];
  return typeof value === "string" ? value : "";
}

/** A JSON 1.1 response. */
export function jsonResponse(status: number, value: unknown): AwsResponse {
  return { status, contentType: AWS_JSON_CONTENT_TYPE, body: Buffer.from(JSON.stringify(value)) };
}

/** A JSON 1.1 request body: empty is `{}`; anything that is not JSON is a SerializationException. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new SsmError("SerializationException", "The request body is not valid JSON.");
  }
}
