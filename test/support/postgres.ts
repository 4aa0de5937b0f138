/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temp dir on a free loopback port,
 * trust auth, fsync off. Needs the PostgreSQL server binaries (initdb, pg_ctl); as root they run as
 * the `postgres` user, since initdb refuses root.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";

/** A running throwaway server. */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  /** Stops the server (immediate mode) and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** Longer than pg_ctl's own 60 s wait, so its message is what a slow start reports. */
const STEP_TIMEOUT_MS = 90_000;

/** Starts a fresh PostgreSQL server; fails with an install hint when the binaries are missing. */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = findServerBinaries();
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-pg-"));
  try {
    if (asRoot) await chown(dir, ...postgresUser());
    const data = join(dir, "data");
    await run(asRoot, join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
    const port = await startOnFreePort(asRoot, bin, dir, data);
    return serverHandle(asRoot, bin, dir, data, port);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function serverHandle(asRoot: boolean, bin: string, dir: string, data: string, port: number): ThrowawayPostgres {
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    spawnSync(...command(asRoot, join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]), {
      stdio: "ignore",
      timeout: STEP_TIMEOUT_MS,
    });
  };
  // A crashed test run must not leave a server behind.
  process.once("exit", stopSync);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      process.removeListener("exit", stopSync);
      if (!stopped) {
        stopped = true;
        await run(asRoot, join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port found free can be taken before the server binds it, so a failed start is retried. */
async function startOnFreePort(asRoot: boolean, bin: string, dir: string, data: string): Promise<number> {
  const log = join(dir, "server.log");
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    try {
      const args = ["-D", data, "-o", serverOptions, "-l", log, "-w", "-t", "60", "start"];
      await run(asRoot, join(bin, "pg_ctl"), args);
      return port;
    } catch (error) {
      const serverLog = await readFile(log, "utf8").catch(() => "(no server log)");
      lastError = new Error(`PostgreSQL did not start on port ${port}:\n${serverLog}`, { cause: error });
    }
  }
  throw lastError;
}

/** Where initdb and pg_ctl live: PATH first, then the newest /usr/lib/postgresql/N/bin. */
function findServerBinaries(): string {
  const pathDirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  const versioned = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const found = [...pathDirs, ...versioned].find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")));
  if (found === undefined) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: " +
        "install postgresql (e.g. `apt-get install postgresql`) to run the PostgreSQL store tests",
    );
  }
  return found;
}

function postgresUser(): [uid: number, gid: number] {
  const out = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gidOut = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  const uid = Number(out.stdout.trim());
  const gid = Number(gidOut.stdout.trim());
  if (out.status !== 0 || gidOut.status !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error(`running as ${userInfo().username}, and no "postgres" user exists to run initdb as`);
  }
  return [uid, gid];
}

function command(asRoot: boolean, file: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
}

function run(asRoot: boolean, file: string, args: string[]): Promise<void> {
  const [cmd, cmdArgs] = command(asRoot, file, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, cmdArgs, { timeout: STEP_TIMEOUT_MS, cwd: tmpdir() }, (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${[cmd, ...cmdArgs].join(" ")} failed:\n${stdout}${stderr}`, { cause: error }));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port found"))));
    });
  });
}

let databases = 0;

/** Creates an empty database on a throwaway server and returns its URL (one per test fleet). */
export async function freshDatabase(server: ThrowawayPostgres): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const name = `fleet_${process.pid}_${++databases}`;
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}
