import { SsmError } from "../../protocol/errors.ts";
import type { SsmOperationTypes, TypedSsmOperation } from "../../protocol/ssm/types.ts";
import { isKnownOperation, validateInput } from "../../protocol/ssm/validate.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import { jsonResponse, parseJsonBody, targetOf } from "../http/aws-json.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import type { ApiContext } from "./context.ts";
import { dropNulls } from "./drop-nulls.ts";
import { isServed, OPERATIONS } from "./operations.ts";

const TARGET_PREFIX = "AmazonSSM.";

/** SSM's AWS JSON 1.1 protocol: `X-Amz-Target: AmazonSSM.<Operation>`, JSON in and out. */
export class SsmProtocol implements AwsProtocol {
  readonly service = "ssm";
  readonly eventSource = "ssm.amazonaws.com";
  readonly #base: Omit<ApiContext, "caller" | "authz">;
  readonly #authorizerFor: (caller: Caller) => Authorizer;

  constructor(base: Omit<ApiContext, "caller" | "authz">, authorizerFor: (caller: Caller) => Authorizer) {
    this.#base = base;
    this.#authorizerFor = authorizerFor;
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
    const operation = this.operationOf(request);
    if (!isServed(operation)) {
      throw new SsmError(
        "UnknownOperationException",
        isKnownOperation(operation)
          ? `fleetrun does not implement ${operation} yet.`
          : `Unknown operation ${targetOf(request) || "(no X-Amz-Target header)"}.`,
      );
    }
    const input = parseJsonBody(request.body);
    const output = await dispatch(operation, { ...this.#base, caller, authz: this.#authorizerFor(caller) }, input);
    return { response: jsonResponse(200, output), input, output };
  }

  encodeError(error: unknown): AwsResponse {
    const { status, body } = errorResponse(error);
    return jsonResponse(status, body);
  }
}

/** Runs `operation`'s handler on the decoded body, once the body is proved to be its input. */
async function dispatch<Op extends TypedSsmOperation>(
  operation: Op,
  ctx: ApiContext,
  decoded: unknown,
): Promise<SsmOperationTypes[Op]["output"]> {
  const handler = OPERATIONS[operation];
  if (!handler) throw new SsmError("UnknownOperationException", `fleetrun does not implement ${operation} yet.`);
  validateInput(operation, decoded);
  // A caller whose policies never allow this action is refused before anything is read; the
  // handlers then check every resource they touch (nodes, documents) with its tags.
  await ctx.authz.requireSomewhere(`ssm:${operation}`);
  dropNulls(decoded);
  // validateInput proved `decoded` has the model's input shape of `operation`, where a null member
  // stands for an absent one; dropNulls made those absent, so it is exactly that input type.
  const input = decoded as SsmOperationTypes[Op]["input"];
  return await handler(ctx, input);
}
