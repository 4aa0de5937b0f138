import type { AuditStore } from "../../core/ports/audit-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";
import { lookupEvents } from "./lookup-events.ts";

const CONTENT_TYPE = "application/x-amz-json-1.1";
/** botocore sends the model's full target prefix; the smithy-built SDKs send the service shape name only. */
const TARGET_PREFIXES = ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", "CloudTrail_20131101."];

function target(request: AwsRequest): string {
  const value = request.headers["x-amz-target"];
  return typeof value === "string" ? value : "";
}

function prefixOf(request: AwsRequest): string | undefined {
  const value = target(request);
  return TARGET_PREFIXES.find((prefix) => value.startsWith(prefix));
}

/**
 * CloudTrail's AWS JSON 1.1 protocol (`X-Amz-Target: com.amazonaws.cloudtrail.v20131101.
 * CloudTrail_20131101.<Operation>`, or `CloudTrail_20131101.<Operation>`), serving LookupEvents over the audit trail so that
 * `aws cloudtrail lookup-events --endpoint-url ...` works.
 */
export class CloudTrailProtocol implements AwsProtocol {
  readonly service = "cloudtrail";
  readonly eventSource = "cloudtrail.amazonaws.com";
  readonly #store: AuditStore;
  readonly #authorizer: ((caller: Caller) => Authorizer) | undefined;

  /** With `authorizer`, LookupEvents needs `cloudtrail:LookupEvents` (the trail shows everyone's calls). */
  constructor(deps: { store: AuditStore; authorizer?: (caller: Caller) => Authorizer }) {
    this.#store = deps.store;
    this.#authorizer = deps.authorizer;
  }

  matches(request: AwsRequest): boolean {
    return prefixOf(request) !== undefined;
  }

  operationOf(request: AwsRequest): string {
    return target(request).slice(prefixOf(request)?.length ?? 0);
  }

  async handle(
    request: AwsRequest,
    caller: Caller,
  ): Promise<{ response: AwsResponse; input: unknown; output: unknown }> {
    const operation = this.operationOf(request);
    if (operation !== "LookupEvents") {
      throw new CloudTrailError("UnknownOperationException", `fleetrun does not implement CloudTrail ${operation}.`);
    }
    await this.#authorizer?.(caller).require("cloudtrail:LookupEvents", "*");
    const input = parseBody(request.body);
    const output = await lookupEvents(this.#store, input);
    return { response: json(200, output), input, output };
  }

  encodeError(error: unknown): AwsResponse {
    if (error instanceof CloudTrailError) {
      return json(error.httpStatus, { __type: error.code, message: error.message, Message: error.message });
    }
    const { status, body } = errorResponse(error);
    return json(status, body);
  }
}

function json(status: number, value: unknown): AwsResponse {
  return { status, contentType: CONTENT_TYPE, body: Buffer.from(JSON.stringify(value)) };
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new SsmError("SerializationException", "The request body is not valid JSON.");
  }
}
