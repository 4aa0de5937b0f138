import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { SsmError } from "../../protocol/errors.ts";
import type { SsmOperationTypes, TypedSsmOperation } from "../../protocol/ssm/types.ts";
import { isKnownOperation, validateInput } from "../../protocol/ssm/validate.ts";
import { verifySigV4 } from "../auth/sigv4.ts";
import { errorResponse } from "../http/error-response.ts";
import type { ApiContext } from "./context.ts";
import { dropNulls } from "./drop-nulls.ts";
import { isServed, OPERATIONS } from "./operations.ts";

const CONTENT_TYPE = "application/x-amz-json-1.1";
const TARGET_PREFIX = "AmazonSSM.";

/** The AWS JSON 1.1 edge: `POST /` with `X-Amz-Target: AmazonSSM.<Operation>`. */
export function registerApiRoute(app: FastifyInstance, base: Omit<ApiContext, "caller">, log: Logger): void {
  app.post("/", async (request, reply) => {
    const requestId = base.ids.uuid();
    reply.header("content-type", CONTENT_TYPE).header("x-amzn-requestid", requestId);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const target = request.headers["x-amz-target"];
    const operation =
      typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
    try {
      const caller = await authenticate(base, request.method, request.url, request.headers, body);
      if (!isServed(operation)) {
        throw new SsmError(
          "UnknownOperationException",
          isKnownOperation(operation)
            ? `fleetrun does not implement ${operation} yet.`
            : `Unknown operation ${typeof target === "string" ? target : "(no X-Amz-Target header)"}.`,
        );
      }
      const output = await dispatch(operation, { ...base, caller }, body);
      return reply.code(200).send(Buffer.from(JSON.stringify(output)));
    } catch (error) {
      const { status, body: errorBody } = errorResponse(error);
      if (status >= 500) log.error({ err: error, operation, requestId }, "API operation failed");
      return reply.code(status).send(Buffer.from(JSON.stringify(errorBody)));
    }
  });
}

async function authenticate(
  base: Omit<ApiContext, "caller">,
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): Promise<ApiContext["caller"]> {
  let userName = "";
  const verified = await verifySigV4(
    { method, url, headers, body },
    {
      service: "ssm",
      now: new Date(base.clock.now()),
      lookupSecret: async (accessKeyId) => {
        const key = await base.store.getAccessKey(accessKeyId);
        userName = key?.userName ?? "";
        return key?.secretAccessKey;
      },
    },
  );
  return { accessKeyId: verified.accessKeyId, userName };
}

/** Runs `operation`'s handler on the request body, once the body is proved to be its input. */
async function dispatch<Op extends TypedSsmOperation>(
  operation: Op,
  ctx: ApiContext,
  body: Buffer,
): Promise<SsmOperationTypes[Op]["output"]> {
  const handler = OPERATIONS[operation];
  if (!handler) throw new SsmError("UnknownOperationException", `fleetrun does not implement ${operation} yet.`);
  const decoded = parseBody(body);
  validateInput(operation, decoded);
  dropNulls(decoded);
  // validateInput proved `decoded` has the model's input shape of `operation`, where a null member
  // stands for an absent one; dropNulls made those absent, so it is exactly that input type.
  const input = decoded as SsmOperationTypes[Op]["input"];
  return await handler(ctx, input);
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new SsmError("SerializationException", "The request body is not valid JSON.");
  }
}
