import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { type Logger, pino } from "pino";
import { WebSocketServer } from "ws";
import { openBus } from "../bus/open-bus.ts";
import { DocumentService } from "../core/documents/document-service.ts";
import { systemClock } from "../core/ports/clock.ts";
import { Scheduler } from "../core/scheduler.ts";
import { openOutputs } from "../outputs/open-outputs.ts";
import { openStore } from "../store/open-store.ts";
import { ensureAdminCredentials } from "./admin-credentials.ts";
import { SsmProtocol } from "./api/ssm-protocol.ts";
import { AgentAuditor } from "./audit/agent-auditor.ts";
import { ApiCallAuditor } from "./audit/api-call-auditor.ts";
import { AuditTrail } from "./audit/audit-trail.ts";
import { Authorizer } from "./auth/authorizer.ts";
import { CloudTrailProtocol } from "./cloudtrail/cloudtrail-protocol.ts";
import { ChangeQueue } from "./events/change-queue.ts";
import { EventingSessionRegistry } from "./events/eventing-session-registry.ts";
import { observeStore } from "./events/observed-store.ts";
import { startEvents } from "./events/start-events.ts";
import { AgentSession } from "./gateway/agent-session.ts";
import { registerNode } from "./gateway/register-node.ts";
import { registerAwsEdge } from "./http/aws-edge.ts";
import type { Caller } from "./http/aws-protocol.ts";
import { errorResponse } from "./http/error-response.ts";
import { frameworkError } from "./http/framework-errors.ts";
import { registerOutputDownload } from "./http/output-download.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { IamProtocol } from "./iam/iam-protocol.ts";
import { IdentityService } from "./identity/identity-service.ts";
import { randomIds } from "./random-ids.ts";
import { loadMasterKey } from "./secrets/master-key.ts";
import { SecretBox } from "./secrets/secret-box.ts";
import { compileServerOptions, type ServerConfig, type ServerOptions } from "./server-options.ts";
import { liveOutput } from "./stream/live-output.ts";
import { loadServerTls, type ServerTls } from "./tls/server-tls.ts";

/** A started server. */
export interface RunningServer {
  config: ServerConfig;
  /** http(s)://HOST:PORT — the API and the agent gateway share it. */
  url: string;
  /** With TLS: the fingerprint agents may pin and the CA file to hand out (never the key). */
  tls?: Omit<ServerTls, "key" | "cert">;
  adminCredentialsPath: string;
  adminCredentialsCreated: boolean;
  /** Drains: stops accepting, closes agent sockets, stops loops, closes the store. */
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;
const AGENT_PATH = "/agent/v1/connect";

/** Composition root: options in, a listening server out. */
export async function startServer(
  options: ServerOptions,
  log: Logger = pino({ level: "info" }),
): Promise<RunningServer> {
  const config = compileServerOptions(options);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const tls = await loadServerTls(config.tls, config.dataDir, config.host);
  const rawStore = await openStore(config.storeUrl);
  await rawStore.migrate();
  const clock = systemClock;
  // Every status change the store writes feeds events, notifications and rules (server/events).
  const changes = new ChangeQueue();
  const store = observeStore(rawStore, changes, clock);
  const ids = randomIds;
  const bus = await openBus(config.busUrl, (err) => log.warn({ err }, "bus message not handled"));
  const scheduler = new Scheduler(store, bus, clock);
  const documents = new DocumentService({ store, clock, accountId: config.accountId });
  const registry = new EventingSessionRegistry(changes, clock);
  const { key: masterKey } = await loadMasterKey(config.dataDir);
  const box = new SecretBox(masterKey);
  const identity = new IdentityService({ store, box, clock, ids, accountId: config.accountId });
  const admin = await ensureAdminCredentials({ identity, clock }, config.dataDir);
  const authzDeps = { policies: identity, store, clock, region: config.region, accountId: config.accountId };
  /** The caller's permissions for one request, on every edge (API, stream, downloads, trail). */
  const authorizerFor = (caller: Caller) => new Authorizer(authzDeps, caller);
  const trail = new AuditTrail({ store, log });
  const auditing = { trail, clock, ids, region: config.region, accountId: config.accountId };
  const apiAudit = new ApiCallAuditor({ ...auditing, store, documents });
  const agentAudit = new AgentAuditor(auditing);
  const events = await startEvents({
    ...{ store, changes, bus, clock, ids, log, documents, policies: identity, box },
    ...{ dataDir: config.dataDir, region: config.region, accountId: config.accountId },
  });
  const { knownNotificationTarget } = events;
  // Full step output: files under the data dir, or the S3 bucket a command names. URLs need our address.
  let publicUrl = "";
  const outputs = openOutputs({ dataDir: config.dataDir, baseUrl: () => publicUrl, s3: config.s3 });
  const outputFolderProblem = (bucket: string | undefined, prefix: string) => outputs.folderProblem(bucket, prefix);

  const pokeLater = (commandId: string) => {
    scheduler.poke(commandId).catch((error: unknown) => log.error({ err: error, commandId }, "scheduler step failed"));
  };
  const unsubscribe = bus.subscribe("scheduler", (m) => {
    if (m.kind === "command-changed") pokeLater(m.commandId);
  });
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    scheduler
      .sweep()
      .catch((error: unknown) => log.error({ err: error }, "scheduler sweep failed"))
      .finally(() => {
        sweeping = false;
      });
  }, config.sweepMs);
  // Lost bus messages only delay delivery: sessions re-read their pending work periodically.
  const redeliver = setInterval(() => {
    for (const session of registry.all()) {
      session.redeliver().catch((error: unknown) => log.error({ err: error }, "redelivery failed"));
    }
  }, 15_000);

  // The HTTPS instance has the same routes and hooks; only its raw server type differs.
  const app = Fastify({
    ...((tls ? { https: { key: tls.key, cert: tls.cert } } : {}) as object),
    bodyLimit: BODY_LIMIT,
    logger: false,
    // Requests Node refuses before routing (oversized headers, malformed HTTP) still get an AWS-shaped answer.
    clientErrorHandler: (error, socket) => {
      const code = (error as { code?: string }).code;
      const [status, type] =
        code === "HPE_HEADER_OVERFLOW" ? [431, "RequestHeaderFieldsTooLarge"] : [400, "MalformedHttpRequest"];
      const body = JSON.stringify({ __type: type, message: `The request was refused before it was read: ${type}.` });
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${type}\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy();
      }
    },
  });
  // Every body stays raw: SigV4 hashes the exact bytes, and each route parses what it expects.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    const { status, body } = errorResponse(frameworkError(error, BODY_LIMIT));
    if (status >= 500) log.error({ err: error }, "request failed");
    reply
      .code(status)
      .header("content-type", "application/x-amz-json-1.1")
      .send(Buffer.from(JSON.stringify(body)));
  });
  // Live output (GET /stream/commands/<id>), CloudWatch-style logs and the Logs API reading them.
  const live = liveOutput({
    ...{ bus, store, clock, ids, log, dataDir: config.dataDir, region: config.region, accountId: config.accountId },
    credentials: (accessKeyId) => identity.credentials(accessKeyId),
    authorizer: authorizerFor,
    onCall: (call) => apiAudit.onCall(call),
    outputs,
  });
  registerAwsEdge(app, {
    protocols: [
      new SsmProtocol(
        { store, bus, clock, ids, documents, scheduler, config, knownNotificationTarget, outputs, outputFolderProblem },
        authorizerFor,
      ),
      events.protocol,
      new IamProtocol({ identity, clock }),
      new CloudTrailProtocol({
        store,
        authorizer: authorizerFor,
      }),
      live.logsProtocol,
    ],
    onCall: (call) => apiAudit.onCall(call),
    clock,
    ids,
    log,
    limits: {
      // Generous per address (many callers may share a NAT); the real budget is per access key.
      perSourceIp: new RateLimiter(config.rateLimit * 10, config.rateLimit * 20),
      perPrincipal: new RateLimiter(config.rateLimit, config.rateLimit * 2),
    },
    credentials: (accessKeyId) => identity.credentials(accessKeyId),
  });
  live.register(app);
  app.post("/agent/v1/register", async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "";
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const audit = agentAudit.for({ sourceIp: request.ip, userAgent: request.headers["user-agent"] ?? "" });
    const result = await registerNode({ store, clock, ids, region: config.region, audit }, body);
    log.info({ instanceId: result.instanceId }, "node registered");
    return reply.code(200).header("content-type", "application/json").send(JSON.stringify(result));
  });
  app.get("/healthz", async () => ({ ok: true }));
  registerOutputDownload(app, {
    ...{ files: outputs.files, store, clock, log },
    credentials: (accessKeyId) => identity.credentials(accessKeyId),
    authorizer: authorizerFor,
  });

  // A result frame carries at most 400,000 characters of output (see agent/document-runner.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  app.server.on("upgrade", (request, socket, head) => {
    if (request.url !== AGENT_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      new AgentSession(ws, {
        store,
        bus,
        clock,
        log,
        registry,
        region: config.region,
        heartbeatSeconds: config.heartbeatSeconds,
        documents,
        outputs,
        audit: agentAudit.for({
          sourceIp: request.socket.remoteAddress ?? "",
          userAgent: request.headers["user-agent"] ?? "",
        }),
      });
    });
  });

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `${tls ? "https" : "http"}://${host}:${address.port}`;
  publicUrl = url;
  await scheduler.sweep();

  let closing: Promise<void> | undefined;
  return {
    config: { ...config, port: address.port },
    url,
    adminCredentialsPath: admin.path,
    adminCredentialsCreated: admin.created,
    ...(tls ? { tls: publicPart(tls) } : {}),
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        clearInterval(redeliver);
        unsubscribe();
        registry.closeAll(1001, "server shutting down");
        wss.close();
        await app.close();
        await live.stop();
        // Let scheduler passes and cancels already under way finish before the store goes away.
        await scheduler.idle();
        // Events of the last changes are handled; unfinished webhook deliveries resume at the next start.
        await events.close();
        await bus.close();
        // Every queued audit record is written before the store goes away.
        await trail.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** What may be shown about the TLS material: everything but the key (and the chain). */
function publicPart(tls: ServerTls): Omit<ServerTls, "key" | "cert"> {
  const { key: _key, cert: _cert, ...rest } = tls;
  return rest;
}
