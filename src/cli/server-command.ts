import type { Command } from "commander";
import { type RunningServer, startServer } from "../server/server.ts";
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
    .option("--bus <url>", "NATS URL for several replicas, e.g. nats://127.0.0.1:4222 (default: in-process bus)")
    .option("--region <region>", "region reported to clients", "us-east-1")
    .option("--heartbeat-seconds <n>", "agent heartbeat interval", (v) => Number.parseInt(v, 10))
    .option("--rate-limit <n>", "API requests per second per access key (bursts of twice that)", (v) =>
      Number.parseInt(v, 10),
    )
    .option("--tls <mode>", '"auto": create a CA and a server certificate in DATA_DIR/tls on first start')
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate (chain); with --tls-key")
    .option("--tls-key <file>", "PEM private key of --tls-cert")
    .option("--tls-san <names>", "more DNS names or IPs for the --tls auto certificate, comma-separated", (v) =>
      v
        .split(",")
        .map((n) => n.trim())
        .filter((n) => n !== ""),
    )
    .option("--allow-plain-http", "serve plain HTTP on an address other than loopback (not recommended)")
    .option(
      "--s3-endpoint <url>",
      "S3-compatible endpoint for OutputS3BucketName (keys: FLEETRUN_S3_ACCESS_KEY_ID / FLEETRUN_S3_SECRET_ACCESS_KEY or the AWS chain)",
    )
    .option("--s3-region <region>", "region to sign S3 requests for (default: --region)")
    .option("--s3-force-path-style", "address buckets as <endpoint>/<bucket> (MinIO and most S3-compatible servers)")
    .action(
      async (opts: {
        dataDir: string;
        listen: string;
        store?: string;
        bus?: string;
        region: string;
        heartbeatSeconds?: number;
        rateLimit?: number;
        tls?: string;
        tlsCert?: string;
        tlsKey?: string;
        tlsSan?: string[];
        allowPlainHttp?: boolean;
        s3Endpoint?: string;
        s3Region?: string;
        s3ForcePathStyle?: boolean;
      }) => {
        const log = createLogger("fleetrun-server");
        const server = await startServer(
          {
            dataDir: opts.dataDir,
            listen: opts.listen,
            region: opts.region,
            ...(opts.store ? { store: opts.store } : {}),
            ...(opts.bus ? { bus: opts.bus } : {}),
            ...(opts.heartbeatSeconds ? { heartbeatSeconds: opts.heartbeatSeconds } : {}),
            ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
            ...(opts.tls !== undefined ? { tls: opts.tls } : {}),
            ...(opts.tlsCert !== undefined ? { tlsCert: opts.tlsCert } : {}),
            ...(opts.tlsKey !== undefined ? { tlsKey: opts.tlsKey } : {}),
            ...(opts.tlsSan ? { tlsSans: opts.tlsSan } : {}),
            ...(opts.allowPlainHttp ? { allowPlainHttp: true } : {}),
            ...(opts.s3Endpoint !== undefined ? { s3Endpoint: opts.s3Endpoint } : {}),
            ...(opts.s3Region !== undefined ? { s3Region: opts.s3Region } : {}),
            ...(opts.s3ForcePathStyle ? { s3ForcePathStyle: true } : {}),
          },
          log,
        );
        onShutdown(() => server.close());
        process.stdout.write(
          `fleetrun server listening on ${server.url}\n` +
            `admin credentials: ${server.adminCredentialsPath}${server.adminCredentialsCreated ? " (created)" : ""}\n` +
            tlsLines(server.tls),
        );
      },
    );
}

/** What agents and clients need to trust the server: the CA file and the fingerprint to pin. */
function tlsLines(tls: RunningServer["tls"]): string {
  if (!tls) return "";
  const lines =
    tls.fingerprintOf === "ca"
      ? [
          `TLS CA certificate: ${tls.caFile}${tls.createdCa ? " (created)" : ""}`,
          `TLS CA SHA-256 fingerprint: ${tls.fingerprint}`,
          `agents: fleetrun agent --ca-file ${tls.caFile} ... (or --server-fingerprint ${tls.fingerprint})`,
        ]
      : [
          `TLS server certificate SHA-256 fingerprint: ${tls.fingerprint}`,
          `agents: fleetrun agent --server-fingerprint ${tls.fingerprint} ... (or --ca-file with your CA)`,
        ];
  return `${lines.join("\n")}\n`;
}
