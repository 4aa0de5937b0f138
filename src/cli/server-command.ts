import type { Command } from "commander";
import { startServer } from "../server/server.ts";
import { createLogger, onShutdown } from "./logger.ts";

/** `fleetrun server`: the control plane (API + agent gateway on one port). */
export function serverCommand(program: Command): void {
  program
    .command("server")
    .description("run the fleetrun server (SSM API and agent gateway on one port)")
    .option("--data-dir <dir>", "data directory (SQLite file, admin credentials)", "./fleetrun-data")
    .option("--listen <host:port>", "address to listen on", "127.0.0.1:8080")
    .option(
      "--store <url>",
      "store URL: sqlite:/path/file.db or postgres://user@host:port/db (default: SQLite in the data dir)",
    )
    .option("--region <region>", "region reported to clients", "us-east-1")
    .option("--heartbeat-seconds <n>", "agent heartbeat interval", (v) => Number.parseInt(v, 10))
    .option("--rate-limit <n>", "API requests per second per access key (bursts of twice that)", (v) =>
      Number.parseInt(v, 10),
    )
    .action(
      async (opts: {
        dataDir: string;
        listen: string;
        store?: string;
        region: string;
        heartbeatSeconds?: number;
        rateLimit?: number;
      }) => {
        const log = createLogger("fleetrun-server");
        const server = await startServer(
          {
            dataDir: opts.dataDir,
            listen: opts.listen,
            region: opts.region,
            ...(opts.store ? { store: opts.store } : {}),
            ...(opts.heartbeatSeconds ? { heartbeatSeconds: opts.heartbeatSeconds } : {}),
            ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
          },
          log,
        );
        onShutdown(() => server.close());
        process.stdout.write(
          `fleetrun server listening on ${server.url}\n` +
            `admin credentials: ${server.adminCredentialsPath}${server.adminCredentialsCreated ? " (created)" : ""}\n`,
        );
      },
    );
}
