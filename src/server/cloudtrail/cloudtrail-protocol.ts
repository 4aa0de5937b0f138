import type { AuditStore } from "../../core/ports/audit-store.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import { jsonResponse, parseJsonBody, targetOf } from "../http/aws-json.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";
import { lookupEvents } from "./lookup-events.ts";

/** botocore sends the model's full target prefix; the smithy-built SDKs send the service shape name only. */
const TARGET_PREFIXES = ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", "CloudTrail_20131101."];

function prefixOf(request: AwsRequest): string | undefined {
  const value = targetOf(request);
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
    return targetOf(request).slice(prefixOf(request)?.length ?? 0);
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
    const input = parseJsonBody(request.body);
    const output = await lookupEvents(this.#store, input);
    return { response: jsonResponse(200, output), input, output };
  }

  encodeError(error: unknown): AwsResponse {
    if (error instanceof CloudTrailError) {
      return jsonResponse(error.httpStatus, { __type: error.code, message: error.message, Message: error.message });
    }
    const { status, body } = errorResponse(error);
    return jsonResponse(status, body);
  }
}
