import { Authorizer, type PolicySource } from "../auth/authorizer.ts";
import { jsonResponse, parseJsonBody, targetOf } from "../http/aws-json.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import { DELIVERY_OPERATIONS } from "./delivery-operations.ts";
import type { FleetrunApiContext, FleetrunOperation } from "./fleetrun-api-context.ts";
import { FleetrunApiError } from "./fleetrun-api-error.ts";
import { RULE_OPERATIONS } from "./rule-operations.ts";
import { TOPIC_OPERATIONS } from "./topic-operations.ts";

const TARGET_PREFIX = "Fleetrun.";

const OPERATIONS: Readonly<Record<string, FleetrunOperation>> = {
  ...TOPIC_OPERATIONS,
  ...RULE_OPERATIONS,
  ...DELIVERY_OPERATIONS,
};

/**
 * fleetrun's own JSON API for notification topics, event rules and deliveries, in AWS JSON 1.1
 * style: `POST /` with `X-Amz-Target: Fleetrun.<Operation>`, signed with SigV4 for the service
 * name `fleetrun`, each operation authorized as the IAM action `fleetrun:<Operation>`.
 */
export class FleetrunProtocol implements AwsProtocol {
  readonly service = "fleetrun";
  readonly eventSource = "fleetrun.amazonaws.com";
  readonly #base: Omit<FleetrunApiContext, "caller" | "authz">;
  readonly #policies: PolicySource;

  constructor(base: Omit<FleetrunApiContext, "caller" | "authz">, policies: PolicySource) {
    this.#base = base;
    this.#policies = policies;
  }

  matches(request: AwsRequest): boolean {
    return targetOf(request).startsWith(TARGET_PREFIX);
  }

  operationOf(request: AwsRequest): string {
    return targetOf(request).slice(TARGET_PREFIX.length);
  }

  async handle(
    request: AwsRequest,
    caller: Caller,
  ): Promise<{ response: AwsResponse; input: unknown; output: unknown }> {
    const name = this.operationOf(request);
    const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (!operation) throw new FleetrunApiError("UnknownOperationException", `Unknown operation Fleetrun.${name}.`);
    const input = parseJsonBody(request.body);
    const { store, clock, region, accountId } = this.#base;
    const authz = new Authorizer({ policies: this.#policies, store, clock, region, accountId }, caller);
    const output = await operation({ ...this.#base, caller, authz }, input);
    return { response: jsonResponse(200, output), input, output };
  }

  encodeError(error: unknown): AwsResponse {
    if (error instanceof FleetrunApiError) {
      return jsonResponse(error.httpStatus, { __type: error.code, message: error.message, Message: error.message });
    }
    const { status, body } = errorResponse(error);
    return jsonResponse(status, body);
  }
}
