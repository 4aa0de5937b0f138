import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Spool } from "./spool/index.ts";

const HOUR_MS = 3600_000;
/** Default time step output stays on the node after its result was acknowledged. */
export const DEFAULT_OUTPUT_RETENTION_MS = 7 * 24 * HOUR_MS;
/**
 * Tombstones outlive every possible redelivery: a command expires at most TimeoutSeconds
 * (30 days) + the execution timeout (48 h) after it was sent.
 */
const TOMBSTONE_RETENTION_MS = 33 * 24 * HOUR_MS;

/**
 * Keeps the state dir from growing without bound: removes step output of acknowledged commands
 * after the retention period and spool tombstones once no redelivery can arrive. Runs at start
 * and hourly.
 */
export class Housekeeping {
  readonly #stateDir: string;
  readonly #spool: Spool;
  readonly #retentionMs: number;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(stateDir: string, spool: Spool, retentionMs: number | undefined, log: Logger) {
    this.#stateDir = stateDir;
    this.#spool = spool;
    this.#retentionMs = retentionMs ?? DEFAULT_OUTPUT_RETENTION_MS;
    this.#log = log;
  }

  start(): void {
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), HOUR_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    this.#running ??= this.sweep()
      .then(
        (removed) => this.#log.debug(removed, "housekeeping done"),
        (error: unknown) => this.#log.warn({ err: error }, "housekeeping failed"),
      )
      .finally(() => {
        this.#running = undefined;
      });
  }

  /** One pass; returns what it removed. */
  async sweep(now = Date.now()): Promise<{ outputs: number; tombstones: number }> {
    const dir = join(this.#stateDir, "orchestration");
    let outputs = 0;
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    for (const commandId of entries) {
      if ((await this.#spool.state(commandId).catch(() => undefined)) !== "acknowledged") continue;
      const { mtimeMs } = await stat(join(dir, commandId));
      if (now - mtimeMs < this.#retentionMs) continue;
      await rm(join(dir, commandId), { recursive: true, force: true });
      outputs += 1;
    }
    const tombstones = await this.#spool.pruneTombstones(TOMBSTONE_RETENTION_MS);
    return { outputs, tombstones };
  }
}
