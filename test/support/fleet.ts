/**
 * Whole-system test harness: a real fleetrun server process, real agent processes and the
 * official AWS SDK as the client. Everything runs on loopback in temp directories.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateActivationCommand, DescribeInstanceInformationCommand, SSMClient } from "@aws-sdk/client-ssm";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

/** A started process with its output collected. */
export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Kills the process groups of steps a killed agent left running (they run detached by design). */
async function killSteps(stateDir: string): Promise<void> {
  const root = join(stateDir, "orchestration");
  for (const command of await readdir(root).catch(() => [] as string[])) {
    for (const step of await readdir(join(root, command)).catch(() => [] as string[])) {
      const text = await readFile(join(root, command, step, "process.json"), "utf8").catch(() => "");
      const pgid = text ? (JSON.parse(text) as { pgid?: number }).pgid : undefined;
      if (pgid) {
        try {
          process.kill(-pgid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ""}`);
}

/** An agent process with its state dir. */
export interface AgentHandle {
  name: string;
  instanceId: string;
  stateDir: string;
  proc: Proc;
  /** SIGKILL (or another signal) and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again from its stored identity. */
  restart(): Promise<void>;
}

/** Options of a test fleet. */
export interface FleetOptions {
  /** Store URL; default: SQLite in the data dir. */
  store?: string;
  heartbeatSeconds?: number;
  /** More `fleetrun server` flags. */
  serverArgs?: string[];
}

/** A server process plus agents, and SDK clients for it. */
export class Fleet {
  readonly dir: string;
  readonly dataDir: string;
  readonly options: FleetOptions;
  server!: Proc;
  url = "";
  port = 0;
  ssm!: SSMClient;
  credentials!: { accessKeyId: string; secretAccessKey: string };
  readonly agents: AgentHandle[] = [];

  private constructor(dir: string, options: FleetOptions) {
    this.dir = dir;
    this.dataDir = join(dir, "data");
    this.options = options;
  }

  static async start(options: FleetOptions = {}): Promise<Fleet> {
    const fleet = new Fleet(await mkdtemp(join(tmpdir(), "fleetrun-e2e-")), options);
    await fleet.startServer();
    return fleet;
  }

  /** Starts (or restarts) the server; a restart keeps the port so agents reconnect. */
  async startServer(): Promise<void> {
    const args = ["server", "--data-dir", this.dataDir, "--listen", `127.0.0.1:${this.port}`];
    if (this.options.store) args.push("--store", this.options.store);
    // Tests call far faster than people do: a high default rate limit, unless a test sets its own.
    const serverArgs = this.options.serverArgs ?? [];
    const rate = serverArgs.includes("--rate-limit") ? [] : ["--rate-limit", "10000"];
    args.push("--heartbeat-seconds", String(this.options.heartbeatSeconds ?? 2), ...rate, ...serverArgs);
    this.server = run(args);
    const line = await waitFor(
      "the server to listen",
      () => this.server.stdout().match(/listening on (https?:\/\/\S+)/)?.[1],
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nserver stderr:\n${this.server.stderr()}`);
    });
    this.url = line;
    this.port = Number(new URL(line).port);
    const text = await readFile(join(this.dataDir, "admin-credentials"), "utf8");
    this.credentials = {
      accessKeyId: text.match(/aws_access_key_id = (\S+)/)?.[1] ?? "",
      secretAccessKey: text.match(/aws_secret_access_key = (\S+)/)?.[1] ?? "",
    };
    this.ssm?.destroy();
    this.ssm = new SSMClient({
      endpoint: this.url,
      region: "us-east-1",
      credentials: this.credentials,
      maxAttempts: 1,
      ...(await this.requestHandler()),
    });
  }

  /** DATA_DIR/tls/ca.pem when the server runs `--tls auto`. */
  get caFile(): string {
    return join(this.dataDir, "tls", "ca.pem");
  }

  /** With `--tls auto`: an SDK request handler that trusts the server's CA (and only it). */
  async requestHandler(): Promise<{ requestHandler?: NodeHttpHandler }> {
    if (!this.url.startsWith("https:")) return {};
    const ca = await readFile(this.caFile, "utf8");
    return { requestHandler: new NodeHttpHandler({ httpsAgent: new HttpsAgent({ ca }) }) };
  }

  async killServer(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    this.server.child.kill(signal);
    await this.server.exited;
  }

  /** Environment for the aws CLI against this fleet. */
  cliEnv(): Record<string, string> {
    return {
      AWS_SHARED_CREDENTIALS_FILE: join(this.dataDir, "admin-credentials"),
      AWS_CONFIG_FILE: "/dev/null",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
      AWS_DEFAULT_REGION: "us-east-1",
      ...(this.url.startsWith("https:") ? { AWS_CA_BUNDLE: this.caFile } : {}),
    };
  }

  async createActivation(
    limit = 10,
    tags: Array<{ Key: string; Value: string }> = [],
  ): Promise<{ id: string; code: string }> {
    const a = await this.ssm.send(
      new CreateActivationCommand({ IamRole: "e2e", RegistrationLimit: limit, Tags: tags }),
    );
    return { id: a.ActivationId ?? "", code: a.ActivationCode ?? "" };
  }

  /** Registers and starts an agent; resolves once it is Online. */
  async addAgent(
    name: string,
    activation?: { id: string; code: string },
    extraArgs: string[] = [],
  ): Promise<AgentHandle> {
    const act = activation ?? (await this.createActivation(1));
    const stateDir = join(this.dir, `agent-${name}`);
    const start = (first: boolean) =>
      run(
        first
          ? [
              "agent",
              "--server",
              this.url,
              "--activation-id",
              act.id,
              "--activation-code",
              act.code,
              "--state-dir",
              stateDir,
              ...extraArgs,
            ]
          : ["agent", "--state-dir", stateDir, ...extraArgs],
      );
    const proc = start(true);
    const instanceId = await waitFor(
      "the agent to register",
      () => proc.stdout().match(/agent (mi-[0-9a-f]{17})/)?.[1],
      20_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nagent stderr:\n${proc.stderr()}`);
    });
    const handle: AgentHandle = {
      name,
      instanceId,
      stateDir,
      proc,
      kill: async (signal = "SIGKILL") => {
        if (handle.proc.child.exitCode === null && handle.proc.child.signalCode === null)
          handle.proc.child.kill(signal);
        await handle.proc.exited;
      },
      restart: async () => {
        handle.proc = start(false);
        await waitFor("the agent to start", () => handle.proc.stdout().match(/agent (mi-[0-9a-f]{17})/)?.[1]);
      },
    };
    this.agents.push(handle);
    await this.waitOnline(instanceId);
    return handle;
  }

  async waitOnline(instanceId: string): Promise<void> {
    await waitFor(`${instanceId} to be Online`, async () => {
      const out = await this.ssm.send(
        new DescribeInstanceInformationCommand({ Filters: [{ Key: "InstanceIds", Values: [instanceId] }] }),
      );
      return out.InstanceInformationList?.[0]?.PingStatus === "Online" ? true : undefined;
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.kill("SIGKILL")));
    await Promise.all(this.agents.map((a) => killSteps(a.stateDir)));
    if (this.server.child.exitCode === null && this.server.child.signalCode === null) {
      this.server.child.kill("SIGTERM");
      await this.server.exited;
    }
    this.ssm?.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
