import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import { SsmError } from "../../protocol/errors.ts";
import { verifySigV4 } from "../auth/sigv4.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "./aws-protocol.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** One finished API call, for the audit trail. */
export interface ApiCallRecord {
  request: AwsRequest;
  protocol: AwsProtocol | undefined;
  operation: string;
  caller: Caller | undefined;
  input: unknown;
  output: unknown;
  error: unknown;
  status: number;
}

/** What the edge needs. */
export interface AwsEdgeDeps {
  protocols: readonly AwsProtocol[];
  clock: Clock;
  ids: Ids;
  log: Logger;
  /** The secret and user of an access key, or undefined when it is unknown or inactive. */
  credentials(accessKeyId: string): Promise<{ secretAccessKey: string; userName: string } | undefined>;
  /** Called after every call, allowed or denied (the audit trail). Must not throw. */
  onCall?(record: ApiCallRecord): Promise<void>;
  /** Request rate limits: per source IP before authentication, per access key after. */
  limits: { perSourceIp: RateLimiter; perPrincipal: RateLimiter };
}

const THROTTLED = "Rate exceeded";

/**
 * `POST /` for every AWS protocol fleetrun speaks: picks the protocol, verifies SigV4 for its
 * signing name, runs it, encodes errors in its shape, and reports every call to `onCall`.
 */
export function registerAwsEdge(app: FastifyInstance, deps: AwsEdgeDeps): void {
  app.post("/", async (raw, reply) => {
    const request: AwsRequest = {
      method: raw.method,
      url: raw.url,
      headers: raw.headers,
      body: Buffer.isBuffer(raw.body) ? raw.body : Buffer.alloc(0),
      sourceIp: raw.ip,
      secure: raw.protocol === "https",
      requestId: deps.ids.uuid(),
    };
    const protocol = deps.protocols.find((p) => p.matches(request));
    const operation = protocol?.operationOf(request) ?? "";
    let caller: Caller | undefined;
    let input: unknown;
    let output: unknown;
    let failure: unknown;
    let response: AwsResponse;
    try {
      if (!protocol) {
        const target = request.headers["x-amz-target"];
        throw new SsmError(
          "UnknownOperationException",
          `Unknown operation ${typeof target === "string" ? target : "(no X-Amz-Target header and not an AWS Query request)"}.`,
        );
      }
      if (!deps.limits.perSourceIp.take(request.sourceIp)) throw new SsmError("ThrottlingException", THROTTLED);
      caller = await authenticate(deps, protocol.service, request);
      if (!deps.limits.perPrincipal.take(caller.accessKeyId)) throw new SsmError("ThrottlingException", THROTTLED);
      ({ response, input, output } = await protocol.handle(request, caller));
    } catch (error) {
      failure = error;
      response = (protocol ?? deps.protocols[0])?.encodeError(error, request) ?? fallback();
      if (response.status >= 500)
        deps.log.error({ err: error, operation, requestId: request.requestId }, "API call failed");
    }
    await deps.onCall?.({
      request,
      protocol,
      operation,
      caller,
      input,
      output,
      error: failure,
      status: response.status,
    });
    return reply
      .code(response.status)
      .header("content-type", response.contentType)
      .header("x-amzn-requestid", request.requestId)
      .send(response.body);
  });
}

function fallback(): AwsResponse {
  return { status: 500, contentType: "application/json", body: Buffer.from('{"__type":"InternalServerError"}') };
}

async function authenticate(deps: AwsEdgeDeps, service: string, request: AwsRequest): Promise<Caller> {
  let userName = "";
  const verified = await verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    {
      service,
      now: new Date(deps.clock.now()),
      lookupSecret: async (accessKeyId) => {
        const found = await deps.credentials(accessKeyId);
        userName = found?.userName ?? "";
        return found?.secretAccessKey;
      },
    },
  );
  return { accessKeyId: verified.accessKeyId, userName, sourceIp: request.sourceIp, secureTransport: request.secure };
}
