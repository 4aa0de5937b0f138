import type { IncomingHttpHeaders } from "node:http";

/** The authenticated caller of an AWS API request. */
export interface Caller {
  accessKeyId: string;
  userName: string;
  /** Where the request came from (`aws:SourceIp`). */
  sourceIp: string;
  /** Whether it arrived over TLS (`aws:SecureTransport`). */
  secureTransport: boolean;
}

/** A request as an AWS protocol sees it: raw bytes, so SigV4 and the protocol parse what they need. */
export interface AwsRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  /** Arrived over TLS. */
  secure: boolean;
  requestId: string;
}

/** An encoded response. */
export interface AwsResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * One AWS wire protocol served on `POST /` (SSM's JSON 1.1, IAM's Query, CloudTrail's JSON 1.1).
 * The edge picks the protocol, verifies SigV4 for its signing name, and lets it decode, run and
 * encode; errors are encoded by the protocol that received the request.
 */
export interface AwsProtocol {
  /** SigV4 signing name (credential scope service). */
  readonly service: string;
  /** Event source in the audit trail, e.g. `ssm.amazonaws.com`. */
  readonly eventSource: string;
  /** Whether this protocol owns the request (by X-Amz-Target or content type). */
  matches(request: AwsRequest): boolean;
  /** The operation name, for logs and the audit trail ("" when it cannot be told). */
  operationOf(request: AwsRequest): string;
  /** Decodes, runs and encodes one authenticated request. */
  handle(request: AwsRequest, caller: Caller): Promise<{ response: AwsResponse; input: unknown; output: unknown }>;
  /** Encodes an error in this protocol's shape. */
  encodeError(error: unknown, request: AwsRequest): AwsResponse;
}
