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
import { cancelledResult, failedResult } from "./final-results.ts";
import { Housekeeping } from "./housekeeping.ts";
import type { AgentIdentity } from "./identity.ts";
import { OutputUploader } from "./output-upload/output-uploader.ts";
import { runRebootCommand } from "./reboot-command.ts";
import { Spool } from "./spool/index.ts";
import { KeyLock } from "./spool/key-lock.ts";

/** Agent settings after validation. */
export interface AgentConfig {
  stateDir: string;
  identity: AgentIdentity;
  /** How many documents run at once (SSM's agent: 5 workers). */
  maxConcurrent: number;
  /** How long step output stays in the state dir after the server acknowledged the result. */
  outputRetentionMs?: number;
  /** Shell command that reboots the node when a step exits 194; none = such steps fail. */
  rebootCommand?: string;
}

interface Job {
  invoke: InvokeMessage;
  /** Re-attach to a step an earlier agent process started. */
  resume: boolean;
}

/**
 * The agent: receives invocations over its connection, records each in the spool before it
 * starts (so nothing runs twice), runs up to `maxConcurrent` at once, and keeps results in the
 * spool until the server acknowledges them (so nothing is lost across disconnects and restarts).
 *
 * Every decision about one command id — accept, start, cancel, finish — is taken under one
 * per-id lock, so a cancel racing a delivery either stops the run or prevents it, never both.
 */
export class Agent {
  readonly #config: AgentConfig;
  readonly #log: Logger;
  readonly #spool: Spool;
  readonly #connection: Connection;
  readonly #housekeeping: Housekeeping;
  readonly #uploads: OutputUploader;
  readonly #locks = new KeyLock();
  readonly #running = new Map<string, AbortController>();
  #queue: Job[] = [];
  #stopped = false;
  /** A reboot is under way: no new document starts. */
  #rebooting = false;
  #fatal: ((reason: string) => void) | undefined;
  /** Resolves when the agent stops for good (stop() or rejection by the server). */
  readonly done: Promise<string>;

  constructor(config: AgentConfig, log: Logger) {
    // Step directories become working directories: every path below must be absolute.
    this.#config = { ...config, stateDir: resolve(config.stateDir) };
    this.#log = log;
    this.#spool = new Spool(this.#config.stateDir);
    this.#housekeeping = new Housekeeping(this.#config.stateDir, this.#spool, config.outputRetentionMs, log);
    this.done = new Promise((resolve) => {
      this.#fatal = resolve;
    });
    this.#connection = new Connection(
      config.identity,
      {
        onReady: () => {
          this.#uploads.onReady();
          this.#resendResults().catch((error: unknown) => this.#oops(error, "resending results failed"));
        },
        onMessage: (m) =>
          this.#onMessage(m).catch((error: unknown) => this.#oops(error, "handling a server message failed")),
        onRejected: (reason) => {
          this.#log.error({ reason }, "the server refused this node; register it again with a new activation");
          // Deregistered: nothing this node runs can be reported any more, so stop it all.
          for (const controller of this.#running.values()) controller.abort();
          void this.stop(`rejected: ${reason}`);
        },
      },
      log,
    );
    this.#uploads = new OutputUploader(this.#config.stateDir, this.#connection, log);
  }

  /** Resumes what an earlier run left (running steps first, then queued invocations), then connects. */
  async start(): Promise<void> {
    await this.#uploads.start();
    for (const inv of await this.#spool.running()) {
      const invoke = this.#asInvoke(inv.payload);
      // A resumed step is a live process already: it never waits for a free slot.
      if (invoke) this.#launch({ invoke, resume: true });
      else await this.#finish(cancelledResult(inv.commandId));
    }
    for (const inv of await this.#spool.pending()) {
      const invoke = this.#asInvoke(inv.payload);
      if (invoke) this.#enqueue({ invoke, resume: false });
      else await this.#finish(cancelledResult(inv.commandId));
    }
    this.#housekeeping.start();
    this.#connection.start();
  }

  async stop(reason = "stopped"): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#housekeeping.stop();
    await this.#uploads.stop().catch((error: unknown) => this.#oops(error, "recording upload progress failed"));
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
      const id = message.commandId;
      const accepted = await this.#locks.run(id, () =>
        this.#spool.accept({ commandId: id, receivedAt: new Date().toISOString(), payload: message }),
      );
      this.#connection.send({ type: "ack", commandId: id });
      if (accepted) this.#enqueue({ invoke: message, resume: false });
      else await this.#resendResult(id);
    } else if (message.type === "cancel") {
      await this.#locks.run(message.commandId, () => this.#cancel(message.commandId));
    } else if (message.type === "result-ack") {
      await this.#locks.run(message.commandId, async () => {
        if ((await this.#spool.state(message.commandId)) === "finished")
          await this.#spool.acknowledge(message.commandId);
      });
    } else if (message.type === "output-ack") {
      this.#uploads.onAck(message);
    }
  }

  /** Under the command's lock: stop it if it runs, or make sure it never starts. */
  async #cancel(commandId: string): Promise<void> {
    const running = this.#running.get(commandId);
    if (running) {
      running.abort();
      return;
    }
    const state = await this.#spool.state(commandId);
    if (state === "finished" || state === "acknowledged" || state === "cancelled") return;
    if (state === undefined) {
      // Not received yet: remember it, so a late delivery is recognised and not run.
      await this.#spool.accept({ commandId, receivedAt: new Date().toISOString(), payload: null });
    }
    this.#queue = this.#queue.filter((job) => job.invoke.commandId !== commandId);
    await this.#finish(cancelledResult(commandId));
  }

  #enqueue(job: Job): void {
    this.#queue.push(job);
    this.#pump();
  }

  #pump(): void {
    while (
      !this.#stopped &&
      !this.#rebooting &&
      this.#running.size < this.#config.maxConcurrent &&
      this.#queue.length > 0
    ) {
      const job = this.#queue.shift();
      if (job) this.#launch(job);
    }
  }

  #launch(job: Job): void {
    const id = job.invoke.commandId;
    const controller = new AbortController();
    this.#running.set(id, controller);
    this.#run(job, controller.signal)
      .catch((error: unknown) => this.#oops(error, "running an invocation failed"))
      .finally(() => {
        this.#running.delete(id);
        this.#pump();
      });
  }

  async #run(job: Job, signal: AbortSignal): Promise<void> {
    const { invoke, resume } = job;
    const id = invoke.commandId;
    const go = await this.#locks.run(id, async () => {
      const state = await this.#spool.state(id);
      if (state === "pending") await this.#spool.markRunning(id);
      return state === "pending" || (resume && state === "running");
    });
    if (!go) return;
    const startedAt = Date.now();
    this.#connection.send({ type: "started", commandId: id, startedAt });
    this.#log.info({ commandId: id, document: invoke.documentName, resume }, "running");
    let result: Awaited<ReturnType<typeof runDocument>>;
    try {
      result = await runDocument(invoke, {
        stateDir: this.#config.stateDir,
        instanceId: this.#config.identity.instanceId,
        signal,
        resume,
        rebootAllowed: this.#config.rebootCommand !== undefined,
        uploads: this.#uploads,
      });
    } catch (error) {
      this.#oops(error, "the document run failed");
      result = failedResult(id, `The agent could not run this command: ${(error as Error).message}`, "agent", -1);
    }
    if (result.type === "reboot") {
      await this.#reboot(id);
      return;
    }
    // Shutting down: the step keeps running detached and is resumed on the next start.
    if (this.#stopped && !signal.aborted) return;
    const final = result;
    await this.#locks.run(id, () => this.#finish(final));
  }

  /**
   * A step exited 194: stop starting documents and run the reboot command. The document stays
   * `running` in the spool (its progress says which step rebooted), so the next start resumes it.
   */
  async #reboot(commandId: string): Promise<void> {
    const command = this.#config.rebootCommand ?? "";
    this.#rebooting = true;
    this.#log.warn({ commandId, command }, "a step asked for a reboot: running the reboot command");
    const outcome = await runRebootCommand(command);
    if (outcome.ok) return;
    this.#rebooting = false;
    this.#log.error({ commandId, reason: outcome.message }, "the reboot command failed");
    const message = `reboot requested (exit 194) but the reboot command failed: ${outcome.message}`;
    await this.#locks.run(commandId, () => this.#finish(failedResult(commandId, message, "agent", -1)));
    this.#pump();
  }

  async #finish(result: ResultMessage): Promise<void> {
    await this.#spool.complete(result.commandId, result);
    this.#log.info({ commandId: result.commandId, status: result.status }, "finished");
    this.#connection.send(result);
  }

  async #resendResult(commandId: string): Promise<void> {
    for (const { commandId: id, result } of await this.#spool.unacknowledged()) {
      if (id === commandId) this.#connection.send(result as ResultMessage);
    }
  }

  async #resendResults(): Promise<void> {
    for (const { result } of await this.#spool.unacknowledged()) this.#connection.send(result as ResultMessage);
  }
}
