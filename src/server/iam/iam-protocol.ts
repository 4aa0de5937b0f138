import { IamError, type IamErrorCode } from "../../core/identity/iam-error.ts";
import type { Clock } from "../../core/ports/clock.ts";
import { SsmError, type SsmErrorCode } from "../../protocol/errors.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import type { IdentityService } from "../identity/identity-service.ts";
import { IamAuthorizer } from "./iam-authorizer.ts";
import type { IamContext } from "./iam-context.ts";
import { iamHandler } from "./iam-operations.ts";
import { IamParams } from "./iam-params.ts";
import { parseQueryBody, type QueryRequest } from "./query-request.ts";
import { encodeError, encodeResult, type XmlValue } from "./xml-response.ts";

/** The IAM API version fleetrun speaks. */
export const IAM_VERSION = "2010-05-08";
const CONTENT_TYPE = "text/xml";

/** How the edge's authentication and throttling errors read in IAM's vocabulary. */
const FROM_SSM: Partial<Record<SsmErrorCode, IamErrorCode>> = {
  UnrecognizedClientException: "InvalidClientTokenId",
  InvalidClientTokenId: "InvalidClientTokenId",
  InvalidSignatureException: "SignatureDoesNotMatch",
  IncompleteSignatureException: "IncompleteSignature",
  MissingAuthenticationTokenException: "MissingAuthenticationToken",
  ThrottlingException: "Throttling",
  AccessDeniedException: "AccessDenied",
  ValidationException: "ValidationError",
  RequestEntityTooLarge: "ValidationError",
};

/**
 * IAM's AWS Query protocol: `POST /` with an `application/x-www-form-urlencoded` body carrying
 * `Action=<Operation>&Version=2010-05-08&…`, answered in XML. Every call is authorized as
 * `iam:<Operation>` on the user, group or policy it acts on.
 */
export class IamProtocol implements AwsProtocol {
  readonly service = "iam";
  readonly eventSource = "iam.amazonaws.com";
  readonly #identity: IdentityService;
  readonly #authorizer: IamAuthorizer;
  readonly #parsed = new WeakMap<AwsRequest, QueryRequest | IamError>();

  constructor(deps: { identity: IdentityService; clock: Clock }) {
    this.#identity = deps.identity;
    this.#authorizer = new IamAuthorizer(deps);
  }

  matches(request: AwsRequest): boolean {
    const type = request.headers["content-type"] ?? "";
    if (request.method !== "POST" || !/^application\/x-www-form-urlencoded\b/i.test(type)) return false;
    const parsed = this.#parse(request);
    if (parsed instanceof IamError) return true;
    return parsed.action !== "" && (parsed.version === "" || parsed.version === IAM_VERSION);
  }

  operationOf(request: AwsRequest): string {
    const parsed = this.#parse(request);
    return parsed instanceof IamError ? "" : parsed.action;
  }

  async handle(
    request: AwsRequest,
    caller: Caller,
  ): Promise<{ response: AwsResponse; input: unknown; output: unknown }> {
    const parsed = this.#parse(request);
    if (parsed instanceof IamError) throw parsed;
    const handler = iamHandler(parsed.action);
    if (!handler)
      throw new IamError("InvalidAction", `Could not find operation ${parsed.action} for version ${IAM_VERSION}`);
    const params = new IamParams(parsed.params);
    const action = `iam:${parsed.action}`;
    const ctx: IamContext = {
      identity: this.#identity,
      caller,
      authorize: (resource) => this.#authorizer.authorize(caller, action, resource),
    };
    await this.#identity.noteKeyUsed(caller.accessKeyId);
    const result = await handler(ctx, params);
    const body = encodeResult(parsed.action, result, request.requestId);
    return {
      response: { status: 200, contentType: CONTENT_TYPE, body: Buffer.from(body) },
      input: parsed.params,
      output: result === undefined ? undefined : withoutSecrets(result),
    };
  }

  encodeError(error: unknown, request: AwsRequest): AwsResponse {
    const iam = toIamError(error);
    return {
      status: iam.httpStatus,
      contentType: CONTENT_TYPE,
      body: Buffer.from(encodeError(iam, request.requestId)),
    };
  }

  #parse(request: AwsRequest): QueryRequest | IamError {
    let parsed = this.#parsed.get(request);
    if (parsed === undefined) {
      try {
        parsed = parseQueryBody(request.body);
      } catch (error) {
        if (!(error instanceof IamError)) throw error;
        parsed = error;
      }
      this.#parsed.set(request, parsed);
    }
    return parsed;
  }
}

/** Any error as an IAM error; anything unexpected is a ServiceFailure without internals. */
export function toIamError(error: unknown): IamError {
  if (error instanceof IamError) return error;
  if (error instanceof SsmError) {
    const code = FROM_SSM[error.code];
    if (code !== undefined) return new IamError(code, error.message);
  }
  return new IamError("ServiceFailure", "An internal error occurred; the server log has the details.");
}

/** The output for the audit trail: a new key's secret never leaves the response. */
function withoutSecrets(result: Record<string, XmlValue>): Record<string, XmlValue> {
  return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === "SecretAccessKey" ? undefined : value)));
}
