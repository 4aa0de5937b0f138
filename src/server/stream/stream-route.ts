import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import { splitTarget } from "../auth/parse-query.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import type { AwsRequest, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import { authenticateRequest, type CredentialsLookup } from "./authenticate-request.ts";
import { allInvocations, watchCommand } from "./command-watch.ts";
import { invocationContentReplay, type ReplaySource } from "./replay-source.ts";
import { STREAM_PROTOCOL } from "./stream-protocol.ts";
import { WatcherChannel } from "./watcher-channel.ts";

/** What the streaming endpoint needs. */
export interface StreamRouteDeps {
  bus: Bus;
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  credentials: CredentialsLookup;
  /** The caller's permissions, as the API checks them. */
  authorizer(caller: Caller): Authorizer;
  /** Where `?from=start` reads stored output (default: the stored GetCommandInvocation content). */
  replay?: ReplaySource;
  /** The audit trail hook of the API edge. */
  onCall?(record: ApiCallRecord): Promise<void>;
  heartbeatMs?: number;
  /** Per-watcher queue limit (bytes) before a slow watcher is dropped. */
  maxBufferedBytes?: number;
  pollMs?: number;
  endGraceMs?: number;
}

const PATH = "/stream/commands/:commandId";
const ACTION = "ssm:GetCommandInvocation";

/**
 * `GET /stream/commands/<commandId>[?from=start]`: a command's live output as Server-Sent Events
 * (`output`, `status`, `end`, `error`), for a SigV4-signed GET (service `ssm`). The caller needs
 * `ssm:GetCommandInvocation` on a node to see its output; nodes it may not read are left out.
 * Open streams end when the server closes.
 */
export function registerStreamRoute(app: FastifyInstance, deps: StreamRouteDeps): void {
  const open = new Set<WatcherChannel>();
  app.addHook("preClose", async () => {
    for (const channel of open)
      channel.finish("error", { code: "ServerShuttingDown", message: "the server is stopping" });
  });
  app.get<{ Params: { commandId: string } }>(PATH, async (raw, reply) => {
    const request = awsRequest(raw, deps.ids.uuid());
    const commandId = raw.params.commandId;
    const input = { CommandId: commandId, ...splitTarget(raw.url).query };
    let caller: Caller | undefined;
    try {
      caller = await authenticateRequest(request, deps, "ssm");
      const from = splitTarget(raw.url).query.from;
      if (from !== undefined && from !== "start") {
        throw new SsmError("ValidationException", `from must be "start", not ${JSON.stringify(from)}.`);
      }
      const command = await deps.store.getCommand(commandId);
      if (!command) throw new SsmError("InvalidCommandId", `Command ${commandId} does not exist.`);
      const authz = deps.authorizer(caller);
      await authz.requireSomewhere(ACTION);
      const invocations = await allInvocations(deps.store, commandId);
      const ids = invocations.map((i) => i.instanceId);
      const allowed = new Set(await authz.allowedNodes(ACTION, ids));
      // Readable nodes are filtered; a caller who may read none of them is refused, naming one.
      const first = ids[0];
      if (allowed.size === 0 && first !== undefined) await authz.require(ACTION, await authz.node(first));

      await audit(deps, { request, caller, input, status: 200 });
      reply.hijack();
      reply.raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
        "x-amzn-requestid": request.requestId,
      });
      reply.raw.flushHeaders();
      const channel = new WatcherChannel(reply.raw, {
        maxBufferedBytes: deps.maxBufferedBytes ?? 1024 * 1024,
        heartbeatMs: deps.heartbeatMs ?? 15_000,
      });
      open.add(channel);
      channel.onStop(() => open.delete(channel));
      const watch = {
        bus: deps.bus,
        store: deps.store,
        replay: deps.replay ?? invocationContentReplay,
        pollMs: deps.pollMs ?? 1_000,
        endGraceMs: deps.endGraceMs ?? 500,
        onError: (error: unknown) => deps.log.error({ err: error, commandId }, "output stream failed"),
      };
      await watchCommand(watch, channel, { command, invocations, allowed, fromStart: from === "start" }).catch(
        (error: unknown) => {
          watch.onError(error);
          channel.finish("error", { code: "InternalServerError", message: "the stream failed; see the server log" });
        },
      );
    } catch (error) {
      const { status, body } = errorResponse(error);
      if (status >= 500) deps.log.error({ err: error, commandId }, "output stream refused");
      await audit(deps, { request, caller, input, status, error });
      return reply
        .code(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-requestid", request.requestId)
        .send(Buffer.from(JSON.stringify(body)));
    }
  });
}

function awsRequest(raw: FastifyRequest, requestId: string): AwsRequest {
  return {
    method: raw.method,
    url: raw.url,
    headers: raw.headers,
    body: Buffer.alloc(0),
    sourceIp: raw.ip,
    secure: raw.protocol === "https",
    requestId,
  };
}

async function audit(
  deps: StreamRouteDeps,
  call: { request: AwsRequest; caller: Caller | undefined; input: unknown; status: number; error?: unknown },
): Promise<void> {
  await deps.onCall?.({
    request: call.request,
    protocol: STREAM_PROTOCOL,
    operation: "StreamCommandOutput",
    caller: call.caller,
    input: call.input,
    output: undefined,
    error: call.error,
    status: call.status,
  });
}
