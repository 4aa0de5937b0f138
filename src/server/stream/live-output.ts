import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { OutputStore } from "../../core/ports/output-store.ts";
import type { Store } from "../../core/ports/store.ts";
import { FileLogStore } from "../../store/logs/file-log-store.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import type { AwsProtocol, Caller } from "../http/aws-protocol.ts";
import { LogWriter } from "../logs/log-writer.ts";
import { LogsProtocol } from "../logs/logs-protocol.ts";
import type { CredentialsLookup } from "./authenticate-request.ts";
import { outputStoreReplay } from "./output-store-replay.ts";
import { registerStreamRoute } from "./stream-route.ts";

/** What live output needs from the composition root. */
export interface LiveOutputDeps {
  bus: Bus;
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  dataDir: string;
  region: string;
  accountId: string;
  credentials: CredentialsLookup;
  authorizer(caller: Caller): Authorizer;
  /** The audit trail hook of the API edge. */
  onCall?(record: ApiCallRecord): Promise<void>;
  /** Full step output, for `?from=start` (without it the replay is GetCommandInvocation's content). */
  outputs?: Pick<OutputStore, "read" | "size"> | undefined;
}

/** Live output as the server mounts it. */
export interface LiveOutput {
  /** The CloudWatch Logs API, for the `POST /` edge. */
  logsProtocol: AwsProtocol;
  /** Mounts `GET /stream/commands/<id>` and starts writing log events. */
  register(app: FastifyInstance): void;
  /** Stops the log writer (after the HTTP server closed). */
  stop(): Promise<void>;
}

/**
 * Live output, logs and their wiring: the SSE endpoint, the log writer for CloudWatchOutputConfig
 * commands (events in files under DATA_DIR/logs) and the CloudWatch Logs protocol reading them.
 */
export function liveOutput(deps: LiveOutputDeps): LiveOutput {
  const logs = new FileLogStore(join(deps.dataDir, "logs"), () => deps.clock.now());
  const writer = new LogWriter({ bus: deps.bus, store: deps.store, logs, clock: deps.clock, log: deps.log });
  return {
    logsProtocol: new LogsProtocol({
      logs,
      region: deps.region,
      accountId: deps.accountId,
      authorizer: deps.authorizer,
    }),
    register(app) {
      registerStreamRoute(app, { ...deps, ...(deps.outputs ? { replay: outputStoreReplay(deps.outputs) } : {}) });
      writer.start();
    },
    stop: () => writer.stop(),
  };
}
