import { resolve } from "node:path";
import { z } from "zod";
import type { S3Settings } from "../outputs/s3/s3-client.ts";
import { isLoopbackHost } from "./tls/loopback.ts";
import { isValidSubjectName, type TlsSetting } from "./tls/tls-setting.ts";

/** Options as a user gives them (CLI flags or programmatic). */
export interface ServerOptions {
  dataDir?: string;
  /** HOST:PORT; port 0 picks a free one. */
  listen?: string;
  /** `sqlite:/path/file.db` or `postgres://...`; default: SQLite file in the data dir. */
  store?: string;
  /** `nats://host:port` for several replicas; default: the in-process bus (one server). */
  bus?: string;
  region?: string;
  accountId?: string;
  heartbeatSeconds?: number;
  /** Periodic scheduler sweep (timeouts, lost signals). */
  sweepMs?: number;
  /** API requests per second each access key may make on average (bursts of twice that). */
  rateLimit?: number;
  /** `"auto"`: create a CA and a server certificate in DATA_DIR/tls on first start, then reuse them. */
  tls?: string;
  /** PEM certificate (chain) file; with `tlsKey`. */
  tlsCert?: string;
  /** PEM private key file; with `tlsCert`. */
  tlsKey?: string;
  /** More names (DNS or IP) for the `tls: "auto"` server certificate. */
  tlsSans?: string[];
  /** Serve plain HTTP on an address other than loopback (agent keys and API secrets then cross the network in clear). */
  allowPlainHttp?: boolean;
  /** S3-compatible endpoint for SendCommand's OutputS3BucketName (credentials: FLEETRUN_S3_* or the AWS chain). */
  s3Endpoint?: string;
  /** Region to sign S3 requests for; default: `region`. */
  s3Region?: string;
  /** Address buckets as `<endpoint>/<bucket>` (MinIO, s3rver, ...) rather than `<bucket>.<host>`. */
  s3ForcePathStyle?: boolean;
}

/** Options after validation: complete and typed. */
export interface ServerConfig {
  dataDir: string;
  host: string;
  port: number;
  storeUrl: string;
  /** NATS URL; undefined: the in-process bus. */
  busUrl: string | undefined;
  region: string;
  accountId: string;
  heartbeatSeconds: number;
  /** A node is Online while heard from within this window. */
  onlineWindowMs: number;
  sweepMs: number;
  /** API requests per second per access key; bursts of twice that. */
  rateLimit: number;
  tls: TlsSetting;
  allowPlainHttp: boolean;
  /** Where OutputS3BucketName output goes; undefined: such commands are refused (InvalidOutputFolder). */
  s3: S3Settings | undefined;
}

const schema = z.object({
  dataDir: z.string().min(1).default("./fleetrun-data"),
  listen: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:]+):[0-9]{1,5}$/, "use HOST:PORT, e.g. 127.0.0.1:8080")
    .default("127.0.0.1:8080"),
  store: z.string().optional(),
  bus: z
    .string()
    .regex(/^nats:\/\/[^\s]+$/, "use nats://host:port")
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-[0-9]+$/, "use an AWS-style region such as us-east-1")
    .default("us-east-1"),
  accountId: z
    .string()
    .regex(/^[0-9]{12}$/, "use a 12-digit account id")
    .default("000000000000"),
  heartbeatSeconds: z.number().int().min(1).max(3600).default(20),
  sweepMs: z.number().int().min(50).max(60_000).default(1000),
  rateLimit: z.number().int().min(1).max(100_000).default(100),
  tls: z.literal("auto", { error: 'the only value is "auto" (or give --tls-cert and --tls-key)' }).optional(),
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  tlsSans: z
    .array(z.string().refine(isValidSubjectName, "use DNS names or IP addresses, e.g. fleet.example.com,10.0.0.5"))
    .default([]),
  allowPlainHttp: z.boolean().default(false),
  s3Endpoint: z.url({ protocol: /^https?$/, error: "use an http(s):// URL" }).optional(),
  s3Region: z.string().min(1).optional(),
  s3ForcePathStyle: z.boolean().default(false),
});

/** Validates user options once into a complete configuration; throws with a clear message. */
export function compileServerOptions(options: ServerOptions): ServerConfig {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid server option ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const o = parsed.data;
  const cut = o.listen.lastIndexOf(":");
  const host = o.listen.slice(0, cut).replace(/^\[|\]$/g, "");
  const port = Number(o.listen.slice(cut + 1));
  if (port > 65535) throw new Error(`invalid server option listen: port ${port} is out of range`);
  const dataDir = resolve(o.dataDir);
  const tls = tlsSetting(o);
  if (tls.kind === "none" && !o.allowPlainHttp && !isLoopbackHost(host)) {
    throw new Error(
      `refusing to serve plain HTTP on ${host}: agent handshakes and API calls would cross the network unencrypted. ` +
        "Use --tls auto (or --tls-cert FILE --tls-key FILE), listen on 127.0.0.1, or accept the risk with --allow-plain-http",
    );
  }
  return {
    dataDir,
    host,
    port,
    storeUrl: o.store ?? `sqlite:${resolve(dataDir, "fleetrun.db")}`,
    busUrl: o.bus,
    region: o.region,
    accountId: o.accountId,
    heartbeatSeconds: o.heartbeatSeconds,
    onlineWindowMs: o.heartbeatSeconds * 3 * 1000,
    sweepMs: o.sweepMs,
    rateLimit: o.rateLimit,
    tls,
    allowPlainHttp: o.allowPlainHttp,
    s3:
      o.s3Endpoint === undefined
        ? undefined
        : { endpoint: o.s3Endpoint, region: o.s3Region ?? o.region, forcePathStyle: o.s3ForcePathStyle },
  };
}

function tlsSetting(o: z.infer<typeof schema>): TlsSetting {
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) {
    throw new Error("invalid server option: --tls-cert and --tls-key go together");
  }
  if (o.tls === "auto" && o.tlsCert !== undefined) {
    throw new Error("invalid server option: use either --tls auto or --tls-cert/--tls-key, not both");
  }
  if (o.tlsSans.length > 0 && o.tls !== "auto") {
    throw new Error("invalid server option: --tls-san applies to --tls auto only");
  }
  if (o.tls === "auto") return { kind: "auto", extraNames: o.tlsSans };
  if (o.tlsCert !== undefined && o.tlsKey !== undefined) {
    return { kind: "files", certFile: resolve(o.tlsCert), keyFile: resolve(o.tlsKey) };
  }
  return { kind: "none" };
}
