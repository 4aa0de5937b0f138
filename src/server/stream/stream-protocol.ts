import { SsmError } from "../../protocol/errors.ts";
import type { AwsProtocol } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";

/**
 * How the audit trail names calls of the streaming endpoint: service `ssm`, event source
 * `ssm.amazonaws.com`. It is never offered to the `POST /` edge (it matches no request).
 */
export const STREAM_PROTOCOL: AwsProtocol = {
  service: "ssm",
  eventSource: "ssm.amazonaws.com",
  matches: () => false,
  operationOf: () => "StreamCommandOutput",
  handle: async () => {
    throw new SsmError("UnknownOperationException", "The output stream is served on GET /stream/commands/<id>.");
  },
  encodeError: (error) => {
    const { status, body } = errorResponse(error);
    return { status, contentType: "application/x-amz-json-1.1", body: Buffer.from(JSON.stringify(body)) };
  },
};
