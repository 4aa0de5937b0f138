import { resolve } from "node:path";
import type { Logger } from "pino";
import {
  type InvokeMessage,
  type ResultMessage,
  type ServerMessage,
  serverMessage,
} from "../protocol/agent/messages.ts";
import { Connection } from "./connection.ts";
import { runDocument } from "./document-runner.ts";
import type { AgentIdentity } from "./identity.ts";
import { Spool } from "./spool/index.ts";

/** Agent settings after validation. */
export interface AgentConfig {
  stateDir: string;
  identity: AgentIdentity;
  /** How many documents run at once (SSM's agent: 5 workers). */
  maxConcurrent: number;
}

/**
 * The agent: receives invocations over its connection, records each in the spool before it
 * starts (so nothing runs twice), runs up to `maxConcurrent` at once, and keeps results in the
 * spool until the server acknowledges them (so nothing is lost across disconnects and restarts).
 */
export class Agent {
  readonly #config: AgentConfig;
  readonly #log: Logger;
  readonly #spool: Spool;
  readonly #connection: Connection;
  readonly #running = new Map<string, AbortController>();
  readonly #queue: Array<{ invoke: InvokeMessage; resume: boolean }> = [];
  readonly #cancelledQueued = new Set<string>();
  #stopped = false;
  #fatal: ((reason: string) => void) | undefined;
  /** Resolves when the agent stops for good (stop() or rejection by the server). */
  readonly done: Promise<string>;

  constructor(config: AgentConfig, log: Logger) {
    // Step directories become working directories: every path below must be absolute.
    this.#config = { ...config, stateDir: resolve(config.stateDir) };
    this.#log = log;
    this.#spool = new Spool(this.#config.stateDir);
    this.done = new Promise((resolve) => {
      this.#fatal = resolve;
    });
    this.#connection = new Connection(
      config.identity,
      {
        onReady: () => this.#resendResults().catch((error: unknown) => this.#oops(error, "resending results failed")),
        onMessage: (m) =>
          this.#onMessage(m).catch((error: unknown) => this.#oops(error, "handling a server message failed")),
        onRejected: (reason) => {
          this.#log.error({ reason }, "the server refused this node; register it again with a new activation");
          void this.stop(`rejected: ${reason}`);
        },
      },
      log,
    );
  }

  /** Resumes what an earlier run left (running steps, queued invocations), then connects. */
  async start(): Promise<void> {
    for (const [list, resume] of [
      [await this.#spool.running(), true],
      [await this.#spool.pending(), false],
    ] as const) {
      for (const inv of list) {
        const invoke = this.#asInvoke(inv.payload);
        if (invoke) this.#enqueue(invoke, resume);
        else await this.#finish(cancelledResult(inv.commandId));
      }
    }
    this.#connection.start();
  }

  async stop(reason = "stopped"): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#connection.stop();
    this.#fatal?.(reason);
  }

  #oops(error: unknown, what: string): void {
    this.#log.error({ err: error }, what);
  }

  /** A spooled payload back as an invocation; undefined for a cancel tombstone. */
  #asInvoke(payload: unknown): InvokeMessage | undefined {
    const parsed = serverMessage.safeParse(payload);
    return parsed.success && parsed.data.type === "invoke" ? parsed.data : undefined;
  }

  async #onMessage(message: ServerMessage): Promise<void> {
    if (message.type === "invoke") {
      const accepted = await this.#spool.accept({
        commandId: message.commandId,
        receivedAt: new Date().toISOString(),
        payload: message,
      });
      this.#connection.send({ type: "ack", commandId: message.commandId });
      if (accepted) this.#enqueue(message, false);
      else await this.#resendResults();
    } else if (message.type === "cancel") {
      await this.#cancel(message.commandId);
    } else if (message.type === "result-ack") {
      await this.#spool.acknowledge(message.commandId);
    }
  }

  async #cancel(commandId: string): Promise<void> {
    const running = this.#running.get(commandId);
    if (running) {
      running.abort();
      return;
    }
    const state = await this.#spool.state(commandId);
    if (state === "finished" || state === "acknowledged") return;
    if (state === "pending") this.#cancelledQueued.add(commandId);
    if (state === undefined) {
      await this.#spool.accept({ commandId, receivedAt: new Date().toISOString(), payload: null });
    }
    if (state === undefined || state === "pending") await this.#finish(cancelledResult(commandId));
  }

  #enqueue(invoke: InvokeMessage, resume: boolean): void {
    this.#queue.push({ invoke, resume });
    this.#pump();
  }

  #pump(): void {
    while (!this.#stopped && this.#running.size < this.#config.maxConcurrent && this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (!next) break;
      if (this.#cancelledQueued.delete(next.invoke.commandId)) continue;
      const controller = new AbortController();
      this.#running.set(next.invoke.commandId, controller);
      this.#run(next.invoke, next.resume, controller.signal)
        .catch((error: unknown) => this.#oops(error, "running an invocation failed"))
        .finally(() => {
          this.#running.delete(next.invoke.commandId);
          this.#pump();
        });
    }
  }

  async #run(invoke: InvokeMessage, resume: boolean, signal: AbortSignal): Promise<void> {
    await this.#spool.markRunning(invoke.commandId);
    const startedAt = Date.now();
    this.#connection.send({ type: "started", commandId: invoke.commandId, startedAt });
    this.#log.info({ commandId: invoke.commandId, document: invoke.documentName, resume }, "running");
    const result = await runDocument(invoke, {
      stateDir: this.#config.stateDir,
      instanceId: this.#config.identity.instanceId,
      signal,
      resume,
    });
    if (this.#stopped && !signal.aborted) return; // shutting down: the step keeps running detached; resume next start
    await this.#finish(result);
  }

  async #finish(result: ResultMessage): Promise<void> {
    await this.#spool.complete(result.commandId, result);
    this.#log.info({ commandId: result.commandId, status: result.status }, "finished");
    this.#connection.send(result);
  }

  async #resendResults(): Promise<void> {
    for (const { result } of await this.#spool.unacknowledged()) this.#connection.send(result as ResultMessage);
  }
}

function cancelledResult(commandId: string): ResultMessage {
  return { type: "result", commandId, status: "Cancelled", responseCode: -1, endedAt: Date.now(), plugins: [] };
}
