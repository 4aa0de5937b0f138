import { mkdir } from "node:fs/promises";
import { SsmError } from "../../protocol/errors.ts";
import { removeTempFiles, renameDurable, unlinkDurable, writeFileAtomic } from "./atomic-file.ts";
import { KeyLock } from "./key-lock.ts";
import { assertCommandId, SPOOL_DIRS, SpoolLayout, type StoredResult, type Tombstone } from "./spool-layout.ts";

/** An invocation as the agent received it. */
export interface SpooledInvocation {
  commandId: string;
  receivedAt: string;
  /** The invoke message as received. */
  payload: unknown;
}

/** Where an invocation stands on this node. */
export type SpoolState = "pending" | "running" | "finished" | "acknowledged" | "cancelled";

/**
 * Durable record of the invocations this node received, under `<stateDir>/spool/`:
 * `pending/` (accepted, not started) → `running/` (started) → `results/` (result kept until the
 * server acknowledges it) → `done/` (a small tombstone, so a re-delivery is recognised).
 * Every write is atomic and fsynced, stage changes are renames, and operations on one command id are
 * serialized while different ids proceed in parallel. One Spool per state directory at a time.
 */
export class Spool {
  readonly #layout: SpoolLayout;
  readonly #lock = new KeyLock();
  #opened: Promise<void> | undefined;

  constructor(stateDir: string) {
    this.#layout = new SpoolLayout(stateDir);
  }

  /** Records a newly received invocation; false if this command id was ever seen — then it must not run. */
  async accept(inv: SpooledInvocation): Promise<boolean> {
    return this.#with(inv.commandId, async () => {
      if ((await this.#state(inv.commandId)) !== undefined) return false;
      await writeFileAtomic(this.#layout.file("pending", inv.commandId), JSON.stringify(inv));
      return true;
    });
  }

  /** Moves a pending invocation to running (no-op when already running). */
  async markRunning(commandId: string): Promise<void> {
    await this.#with(commandId, async () => {
      const state = await this.#state(commandId);
      if (state === "running") return;
      if (state !== "pending")
        throw new SsmError("InvalidCommandId", `${commandId} cannot start: it is ${state ?? "unknown"}`);
      await renameDurable(this.#layout.file("pending", commandId), this.#layout.file("running", commandId));
    });
  }

  /** Stores the final result (pending, running or cancelled → finished); it survives restarts until acknowledged. */
  async complete(commandId: string, result: unknown): Promise<void> {
    await this.#with(commandId, async () => {
      const state = await this.#state(commandId);
      if (state === undefined || state === "acknowledged") {
        throw new SsmError("InvalidCommandId", `cannot store a result for ${commandId}: it is ${state ?? "unknown"}`);
      }
      const stored: StoredResult = { commandId, completedAt: new Date().toISOString(), result };
      await writeFileAtomic(this.#layout.file("results", commandId), JSON.stringify(stored));
      await unlinkDurable(this.#layout.file("running", commandId));
      await unlinkDurable(this.#layout.file("pending", commandId));
    });
  }

  /** The server stored the result: forget it, keep a tombstone. No-op when already acknowledged. */
  async acknowledge(commandId: string): Promise<void> {
    await this.#with(commandId, async () => {
      const state = await this.#state(commandId);
      if (state === "acknowledged") return;
      if (state !== "finished")
        throw new SsmError("InvalidCommandId", `no stored result for ${commandId} to acknowledge`);
      await this.#writeTombstone(commandId, "acknowledged");
      await unlinkDurable(this.#layout.file("results", commandId));
    });
  }

  /**
   * Marks an invocation cancelled, so it never runs and a (re-)delivery is refused — also for an id
   * not received yet (cancel before invoke). Pending → its record is dropped. Running → the record is
   * kept (still listed by {@link running}) until the caller kills the step and calls {@link complete}
   * with the Cancelled result. Finished, acknowledged or cancelled → no change.
   */
  async markCancelled(commandId: string): Promise<void> {
    await this.#with(commandId, async () => {
      const state = await this.#state(commandId);
      if (state === "finished" || state === "acknowledged" || state === "cancelled") return;
      await this.#writeTombstone(commandId, "cancelled");
      if (state === "pending") await unlinkDurable(this.#layout.file("pending", commandId));
    });
  }

  /** Accepted and not started, oldest first. */
  async pending(): Promise<SpooledInvocation[]> {
    return this.#invocations("pending");
  }

  /** Started without a result (after a crash: the ones to adopt), oldest first; includes cancelled-while-running. */
  async running(): Promise<SpooledInvocation[]> {
    return this.#invocations("running");
  }

  /** Results not yet acknowledged by the server. */
  async unacknowledged(): Promise<Array<{ commandId: string; result: unknown }>> {
    await this.#open();
    const out: Array<{ commandId: string; result: unknown }> = [];
    for (const id of await this.#layout.ids("results")) {
      const stored = (await this.#layout.read("results", id)) as StoredResult | undefined;
      // Undefined: acknowledged between listing and reading.
      if (stored !== undefined) out.push({ commandId: id, result: stored.result });
    }
    return out;
  }

  /** Where an invocation stands; undefined if never seen (or its tombstone was pruned). */
  async state(commandId: string): Promise<SpoolState | undefined> {
    return this.#with(commandId, () => this.#state(commandId));
  }

  /** Deletes tombstones last written more than `olderThanMs` ago; returns how many. */
  async pruneTombstones(olderThanMs: number): Promise<number> {
    await this.#open();
    const cutoff = Date.now() - olderThanMs;
    let pruned = 0;
    for (const id of await this.#layout.ids("done")) {
      const removed = await this.#lock.run(id, async () => {
        const mtime = await this.#layout.mtime("done", id);
        if (mtime === undefined || mtime.getTime() >= cutoff) return false;
        if ((await this.#layout.tombstone(id))?.state === "cancelled" && (await this.#layout.has("running", id))) {
          return false;
        }
        return unlinkDurable(this.#layout.file("done", id));
      });
      if (removed) pruned += 1;
    }
    return pruned;
  }

  async #with<T>(commandId: string, work: () => Promise<T>): Promise<T> {
    assertCommandId(commandId);
    await this.#open();
    return this.#lock.run(commandId, work);
  }

  async #state(commandId: string): Promise<SpoolState | undefined> {
    // Precedence follows the write order of each transition, so a crash between two steps reads as the later state.
    if (await this.#layout.has("results", commandId)) return "finished";
    const tombstone = await this.#layout.tombstone(commandId);
    if (tombstone !== undefined) return tombstone.state;
    if (await this.#layout.has("running", commandId)) return "running";
    if (await this.#layout.has("pending", commandId)) return "pending";
    return undefined;
  }

  async #writeTombstone(commandId: string, state: Tombstone["state"]): Promise<void> {
    const tombstone: Tombstone = { commandId, state, at: new Date().toISOString() };
    await writeFileAtomic(this.#layout.file("done", commandId), JSON.stringify(tombstone));
  }

  async #invocations(stage: "pending" | "running"): Promise<SpooledInvocation[]> {
    await this.#open();
    const out: SpooledInvocation[] = [];
    for (const id of await this.#layout.ids(stage)) {
      const inv = (await this.#layout.read(stage, id)) as SpooledInvocation | undefined;
      // Undefined: it moved on between listing and reading.
      if (inv !== undefined) out.push(inv);
    }
    return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  #open(): Promise<void> {
    this.#opened ??= this.#recover().catch((error: unknown) => {
      this.#opened = undefined;
      throw error;
    });
    return this.#opened;
  }

  /** Creates the directories, drops temp files of interrupted writes and finishes interrupted transitions. */
  async #recover(): Promise<void> {
    for (const stage of SPOOL_DIRS) {
      await mkdir(this.#layout.dir(stage), { recursive: true });
      await removeTempFiles(this.#layout.dir(stage));
    }
    for (const id of await this.#layout.ids("results")) {
      await unlinkDurable(this.#layout.file("running", id));
      await unlinkDurable(this.#layout.file("pending", id));
    }
    for (const id of await this.#layout.ids("done")) {
      const tombstone = await this.#layout.tombstone(id);
      await unlinkDurable(this.#layout.file("pending", id));
      if (tombstone?.state === "acknowledged") {
        await unlinkDurable(this.#layout.file("running", id));
        await unlinkDurable(this.#layout.file("results", id));
      }
    }
    for (const id of await this.#layout.ids("running")) await unlinkDurable(this.#layout.file("pending", id));
  }
}
