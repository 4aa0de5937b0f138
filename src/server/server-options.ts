import { resolve } from "node:path";
import { z } from "zod";

/** Options as a user gives them (CLI flags or programmatic). */
export interface ServerOptions {
  dataDir?: string;
  /** HOST:PORT; port 0 picks a free one. */
  listen?: string;
  /** `sqlite:/path/file.db` or `postgres://...`; default: SQLite file in the data dir. */
  store?: string;
  region?: string;
  accountId?: string;
  heartbeatSeconds?: number;
  /** Periodic scheduler sweep (timeouts, lost signals). */
  sweepMs?: number;
  /** API requests per second each access key may make on average (bursts of twice that). */
  rateLimit?: number;
}

/** Options after validation: complete and typed. */
export interface ServerConfig {
  dataDir: string;
  host: string;
  port: number;
  storeUrl: string;
  region: string;
  accountId: string;
  heartbeatSeconds: number;
  /** A node is Online while heard from within this window. */
  onlineWindowMs: number;
  sweepMs: number;
  /** API requests per second per access key; bursts of twice that. */
  rateLimit: number;
}

const schema = z.object({
  dataDir: z.string().min(1).default("./fleetrun-data"),
  listen: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:]+):[0-9]{1,5}$/, "use HOST:PORT, e.g. 127.0.0.1:8080")
    .default("127.0.0.1:8080"),
  store: z.string().optional(),
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
  return {
    dataDir,
    host,
    port,
    storeUrl: o.store ?? `sqlite:${resolve(dataDir, "fleetrun.db")}`,
    region: o.region,
    accountId: o.accountId,
    heartbeatSeconds: o.heartbeatSeconds,
    onlineWindowMs: o.heartbeatSeconds * 3 * 1000,
    sweepMs: o.sweepMs,
    rateLimit: o.rateLimit,
  };
}
