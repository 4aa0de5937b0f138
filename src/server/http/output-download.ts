import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.ts";
import { outputKey } from "../../core/ports/output-store.ts";
import type { Store } from "../../core/ports/store.ts";
import type { FilesystemOutputStore } from "../../outputs/filesystem/filesystem-output-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import { verifySigV4 } from "../auth/sigv4.ts";
import type { Caller } from "./aws-protocol.ts";
import { errorResponse } from "./error-response.ts";

/** The path prefix StandardOutputUrl/StandardErrorUrl of the server's own store use. */
export const OUTPUT_ROUTE = "/output/";

/** What the download route needs. */
export interface OutputDownloadDeps {
  files: FilesystemOutputStore;
  store: Store;
  clock: Clock;
  log: Logger;
  /** The secret and user of an access key (the API edge's lookup). */
  credentials(accessKeyId: string): Promise<{ secretAccessKey: string; userName: string } | undefined>;
  authorizer(caller: Caller): Authorizer;
}

/** `<prefix>/<commandId>/<instanceId>/<action>/<step>/<stream>`, split into its parts. */
interface ParsedKey {
  key: string;
  commandId: string;
  instanceId: string;
  action: string;
  step: string;
  stream: "stdout" | "stderr";
}

/**
 * `GET /output/<key>`: the full output the server stored for a step, for callers signing with
 * SigV4 (service `ssm`, Authorization header) who may `ssm:GetCommandInvocation` on the node.
 * Errors have the API's `{"__type","message"}` shape.
 */
export function registerOutputDownload(app: FastifyInstance, deps: OutputDownloadDeps): void {
  app.get(`${OUTPUT_ROUTE}*`, async (request, reply) => {
    try {
      const caller = await authenticate(deps, request.method, request.url, request.headers, request.ip);
      caller.secureTransport = request.protocol === "https";
      const parsed = parseKey(request.url);
      const authz = deps.authorizer(caller);
      await authz.require("ssm:GetCommandInvocation", await authz.node(parsed.instanceId));
      const command = await deps.store.getCommand(parsed.commandId);
      const invocation = command && (await deps.store.getInvocation(parsed.commandId, parsed.instanceId));
      const expected =
        command &&
        outputKey(
          command.outputS3KeyPrefix,
          parsed.commandId,
          parsed.instanceId,
          parsed.action,
          parsed.step,
          parsed.stream,
        );
      const download =
        invocation && command.outputS3BucketName === "" && expected === parsed.key
          ? await deps.files.download({ key: parsed.key })
          : undefined;
      if (!download) throw new SsmError("InvocationDoesNotExist", `No output is stored at ${parsed.key}.`, 404);
      return reply
        .code(200)
        .header("content-type", "text/plain; charset=utf-8")
        .header("content-length", download.size)
        .send(download.stream);
    } catch (error) {
      const { status, body } = errorResponse(error);
      if (status >= 500) deps.log.error({ err: error }, "output download failed");
      return reply.code(status).header("content-type", "application/json").send(JSON.stringify(body));
    }
  });
}

function parseKey(url: string): ParsedKey {
  const path = url.split("?")[0] ?? "";
  const notFound = new SsmError("InvocationDoesNotExist", "No output is stored at this address.", 404);
  let segments: string[];
  try {
    segments = path.slice(OUTPUT_ROUTE.length).split("/").map(decodeURIComponent);
  } catch {
    throw notFound;
  }
  const [commandId, instanceId, action, step, stream] = segments.slice(-5);
  if (
    segments.length < 5 ||
    (stream !== "stdout" && stream !== "stderr") ||
    !/^mi-[0-9a-f]{17}$/.test(instanceId ?? "")
  ) {
    throw notFound;
  }
  return {
    key: segments.join("/"),
    commandId: commandId ?? "",
    instanceId: instanceId ?? "",
    action: action ?? "",
    step: step ?? "",
    stream,
  };
}

async function authenticate(
  deps: OutputDownloadDeps,
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
  sourceIp: string,
): Promise<Caller> {
  let userName = "";
  const verified = await verifySigV4(
    { method, url, headers, body: Buffer.alloc(0) },
    {
      service: "ssm",
      now: new Date(deps.clock.now()),
      lookupSecret: async (accessKeyId) => {
        const found = await deps.credentials(accessKeyId);
        userName = found?.userName ?? "";
        return found?.secretAccessKey;
      },
    },
  );
  return { accessKeyId: verified.accessKeyId, userName, sourceIp, secureTransport: false };
}
