import type { Logger } from "pino";
import type { Bus, BusMessage } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Store } from "../../core/ports/store.ts";
import type { LogStore } from "../../store/logs/log-store.ts";
import { CommandLogs } from "./command-logs.ts";
import type { OffsetLine } from "./step-lines.ts";

/** What the writer needs. */
export interface LogWriterDeps {
  bus: Bus;
  store: Pick<Store, "getCommand" | "listActiveCommandIds">;
  logs: LogStore;
  clock: Clock;
  log: Logger;
  /** How often running commands are looked for and finished ones closed. */
  sweepMs?: number;
  /** An unfinished line quiet this long is written as it is. */
  idleFlushMs?: number;
}

const FINAL = new Set(["Success", "Failed", "TimedOut", "Cancelled"]);
/** How many commands without CloudWatch output are remembered (to skip them quickly). */
const SKIPPED_LIMIT = 10_000;

/**
 * Writes the output of commands sent with `CloudWatchOutputConfig.CloudWatchOutputEnabled` as log
 * events, one per line (semantics §7.2 names). It finds commands from the bus (`scheduler` and
 * `events`) and from a periodic look at the running ones, listens to their `output.<id>` subject
 * while they run, and closes them (writing unfinished lines) once they end.
 */
export class LogWriter {
  readonly #deps: LogWriterDeps;
  readonly #watched = new Map<string, CommandLogs | BusMessage[]>();
  readonly #unsubscribe = new Map<string, () => void>();
  readonly #skipped = new Set<string>();
  readonly #writes = new Set<Promise<void>>();
  readonly #stops: Array<() => void> = [];
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;

  constructor(deps: LogWriterDeps) {
    this.#deps = deps;
  }

  start(): void {
    const { bus } = this.#deps;
    this.#stops.push(
      bus.subscribe("scheduler", (m) => {
        if (m.kind === "command-changed") this.#consider(m.commandId);
      }),
      bus.subscribe("events", (m) => {
        const id = m.kind === "event" ? m.event.detail["command-id"] : undefined;
        if (typeof id === "string") this.#consider(id);
      }),
    );
    this.#timer = setInterval(() => this.#sweepLater(), this.#deps.sweepMs ?? 2_000);
  }

  /** Stops listening, writes unfinished lines and waits for every write. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    for (const stop of this.#stops.splice(0)) stop();
    await this.#sweeping;
    for (const id of [...this.#watched.keys()]) this.#close(id);
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  /** One pass: picks up running commands, flushes quiet lines, closes ended commands. Exposed for tests. */
  async sweep(): Promise<void> {
    const { store, clock } = this.#deps;
    for (const id of await store.listActiveCommandIds()) this.#consider(id);
    const now = clock.now();
    for (const [id, state] of this.#watched) {
      if (Array.isArray(state)) continue;
      this.#write(state.group, state.flushIdle(now - (this.#deps.idleFlushMs ?? 5_000)));
      const command = await store.getCommand(id);
      // One sweep of grace after the end, for output still in flight.
      if (!command || FINAL.has(command.status)) {
        if (state.ending) this.#close(id);
        else state.ending = true;
      }
    }
  }

  #sweepLater(): void {
    if (this.#sweeping) return;
    this.#sweeping = this.sweep()
      .catch((error: unknown) => this.#deps.log.error({ err: error }, "log writer sweep failed"))
      .finally(() => {
        this.#sweeping = undefined;
      });
  }

  #consider(commandId: string): void {
    if (this.#watched.has(commandId) || this.#skipped.has(commandId)) return;
    // Listen first, decide after: output arriving while the command is read is held, not lost.
    const held: BusMessage[] = [];
    this.#watched.set(commandId, held);
    this.#unsubscribe.set(
      commandId,
      this.#deps.bus.subscribe(`output.${commandId}`, (m) => this.#onOutput(commandId, m)),
    );
    this.#deps.store
      .getCommand(commandId)
      .then((command) => {
        if (!command?.cloudWatchOutputConfig.CloudWatchOutputEnabled || FINAL.has(command.status)) {
          this.#forget(commandId);
          this.#skip(commandId);
          return;
        }
        const state = new CommandLogs(command);
        this.#watched.set(commandId, state);
        for (const m of held) this.#onOutput(commandId, m);
      })
      .catch((error: unknown) => {
        this.#forget(commandId);
        this.#deps.log.error({ err: error, commandId }, "log writer could not read the command");
      });
  }

  #onOutput(commandId: string, message: BusMessage): void {
    const state = this.#watched.get(commandId);
    if (message.kind !== "output" || state === undefined) return;
    if (Array.isArray(state)) {
      state.push(message);
      return;
    }
    this.#write(state.group, state.push(message, this.#deps.clock.now()));
  }

  #write(group: string, batches: Array<{ stream: string; lines: OffsetLine[] }>): void {
    const now = this.#deps.clock.now();
    for (const { stream, lines } of batches) {
      if (lines.length === 0) continue;
      const events = lines.map((l) => ({ timestamp: now, ingestionTime: now, message: l.text, offset: l.offset }));
      const write = this.#deps.logs
        .append(group, stream, events)
        .catch((error: unknown) => this.#deps.log.error({ err: error, group, stream }, "log events not written"))
        .finally(() => this.#writes.delete(write));
      this.#writes.add(write);
    }
  }

  #close(commandId: string): void {
    const state = this.#watched.get(commandId);
    this.#forget(commandId);
    this.#skip(commandId);
    if (state && !Array.isArray(state)) this.#write(state.group, state.flushAll());
  }

  #forget(commandId: string): void {
    this.#unsubscribe.get(commandId)?.();
    this.#unsubscribe.delete(commandId);
    this.#watched.delete(commandId);
  }

  #skip(commandId: string): void {
    this.#skipped.add(commandId);
    if (this.#skipped.size > SKIPPED_LIMIT) {
      const oldest = this.#skipped.values().next().value;
      if (oldest !== undefined) this.#skipped.delete(oldest);
    }
  }
}
