import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { type Logger, pino } from "pino";
import { WebSocketServer } from "ws";
import { MemoryBus } from "../bus/memory/memory-bus.ts";
import { DocumentService } from "../core/documents/document-service.ts";
import { systemClock } from "../core/ports/clock.ts";
import { Scheduler } from "../core/scheduler.ts";
import { openStore } from "../store/open-store.ts";
import { ensureAdminCredentials } from "./admin-credentials.ts";
import { SsmProtocol } from "./api/ssm-protocol.ts";
import { Authorizer } from "./auth/authorizer.ts";
import { AgentAuditor } from "./audit/agent-auditor.ts";
import { ApiCallAuditor } from "./audit/api-call-auditor.ts";
import { AuditTrail } from "./audit/audit-trail.ts";
import { CloudTrailProtocol } from "./cloudtrail/cloudtrail-protocol.ts";
import { AgentSession } from "./gateway/agent-session.ts";
import { registerNode } from "./gateway/register-node.ts";
import { SessionRegistry } from "./gateway/session-registry.ts";
import { registerAwsEdge } from "./http/aws-edge.ts";
import { errorResponse } from "./http/error-response.ts";
import { frameworkError } from "./http/framework-errors.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { IamProtocol } from "./iam/iam-protocol.ts";
import { IdentityService } from "./identity/identity-service.ts";
import { randomIds } from "./random-ids.ts";
import { loadMasterKey } from "./secrets/master-key.ts";
import { SecretBox } from "./secrets/secret-box.ts";
import { compileServerOptions, type ServerConfig, type ServerOptions } from "./server-options.ts";

/** A started server. */
export interface RunningServer {
  config: ServerConfig;
  /** http://HOST:PORT — the API and the agent gateway share it. */
  url: string;
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
  const store = await openStore(config.storeUrl);
  await store.migrate();
  const clock = systemClock;
  const ids = randomIds;
  const bus = new MemoryBus();
  const scheduler = new Scheduler(store, bus, clock);
  const documents = new DocumentService({ store, clock, accountId: config.accountId });
  const registry = new SessionRegistry();
  const { key: masterKey } = await loadMasterKey(config.dataDir);
  const box = new SecretBox(masterKey);
  const identity = new IdentityService({ store, box, clock, ids, accountId: config.accountId });
  const admin = await ensureAdminCredentials({ identity, clock }, config.dataDir);
  const trail = new AuditTrail({ store, log });
  const auditing = { trail, clock, ids, region: config.region, accountId: config.accountId };
  const apiAudit = new ApiCallAuditor({ ...auditing, store, documents });
  const agentAudit = new AgentAuditor(auditing);

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

  const app = Fastify({
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
  registerAwsEdge(app, {
    protocols: [
      new SsmProtocol({ store, bus, clock, ids, documents, scheduler, config }, identity),
      new IamProtocol({ identity, clock }),
      new CloudTrailProtocol({
        store,
        authorizer: (caller) =>
          new Authorizer({ policies: identity, store, clock, region: config.region, accountId: config.accountId }, caller),
      }),
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
  const url = `http://${host}:${address.port}`;
  await scheduler.sweep();

  let closing: Promise<void> | undefined;
  return {
    config: { ...config, port: address.port },
    url,
    adminCredentialsPath: admin.path,
    adminCredentialsCreated: admin.created,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        clearInterval(redeliver);
        unsubscribe();
        registry.closeAll(1001, "server shutting down");
        wss.close();
        await app.close();
        // Let scheduler passes and cancels already under way finish before the store goes away.
        await scheduler.idle();
        await bus.close();
        // Every queued audit record is written before the store goes away.
        await trail.close();
        await store.close();
      })();
      return closing;
    },
  };
}
