/**
 * A throwaway nats-server for tests: core NATS (no JetStream) on a free loopback port, killed after.
 * Needs the `nats-server` binary on PATH or in /usr/sbin, /usr/local/bin.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { delimiter, join } from "node:path";

/** A running throwaway server. */
export interface ThrowawayNats {
  /** `nats://127.0.0.1:PORT` */
  url: string;
  /** Kills the server; `start()` brings it back on the same port (reconnect tests). */
  stop(): Promise<void>;
  /** Starts it again after `stop()`. */
  start(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

/** Starts a fresh nats-server; fails with an install hint when the binary is missing. */
export async function startNats(): Promise<ThrowawayNats> {
  const bin = findNatsServer();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return handle(bin, port, await launch(bin, port));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function handle(bin: string, port: number, first: ChildProcess): ThrowawayNats {
  let child: ChildProcess | undefined = first;
  // A crashed test run must not leave a server behind.
  const killSync = (): void => {
    child?.kill("SIGKILL");
  };
  process.once("exit", killSync);
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      process.removeListener("exit", killSync);
      const running = child;
      child = undefined;
      if (running === undefined || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
    async start() {
      if (child !== undefined) return;
      child = await launch(bin, port);
      process.once("exit", killSync);
    },
  };
}

/** Spawns the server and resolves once its port accepts connections. */
async function launch(bin: string, port: number): Promise<ChildProcess> {
  const child = spawn(bin, ["-a", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await accepts(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`nats-server did not start on port ${port}:\n${output}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function findNatsServer(): string {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter((d) => d !== ""), "/usr/sbin", "/usr/local/bin"];
  const found = dirs.map((d) => join(d, "nats-server")).find((f) => existsSync(f));
  if (found === undefined) {
    throw new Error("nats-server not found on PATH or in /usr/sbin: install it to run the NATS bus tests");
  }
  return found;
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
