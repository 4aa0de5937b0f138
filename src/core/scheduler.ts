import { IN_FLIGHT_DETAILS } from "./invocation-states.ts";
import type { CommandRecord, InvocationDetails } from "./model.ts";
import type { Bus } from "./ports/bus.ts";
import type { Clock } from "./ports/clock.ts";
import type { Store } from "./ports/store.ts";
import { concurrencyLimit, errorBudget } from "./rate-control.ts";
import { isExecuting, rollUp } from "./status-rollup.ts";

/** Callbacks for status changes (events, notifications); optional. */
export interface SchedulerListener {
  commandChanged?(command: CommandRecord): void;
}

/**
 * Drives every active command: times out what was not delivered in time, stops at MaxErrors
 * (queued invocations end `Terminated`), releases queued invocations up to MaxConcurrency and
 * rolls the invocation states up into the command. `step` is idempotent, so running it on every
 * signal and on a periodic sweep is safe.
 */
export class Scheduler {
  readonly #store: Store;
  readonly #bus: Bus;
  readonly #clock: Clock;
  readonly #listener: SchedulerListener;
  /** The tail of each command's chain of exclusive work (steps, cancels). */
  readonly #chains = new Map<string, Promise<void>>();
  /** A step that is queued on a command's chain and not started yet: further pokes join it. */
  readonly #queued = new Map<string, Promise<void>>();

  constructor(store: Store, bus: Bus, clock: Clock, listener: SchedulerListener = {}) {
    this.#store = store;
    this.#bus = bus;
    this.#clock = clock;
    this.#listener = listener;
  }

  /**
   * Runs `work` on a command's chain: after everything queued on it before, and never at the
   * same time as a scheduler pass over the same command. Whatever changes a command's status
   * outside the scheduler (CancelCommand) goes through here, so no pass can overwrite it.
   */
  exclusive<T>(commandId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(commandId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#chains.set(commandId, tail);
    void tail.then(() => {
      if (this.#chains.get(commandId) === tail) this.#chains.delete(commandId);
    });
    return result;
  }

  /** Runs one pass over a command soon; pokes that arrive before it starts share it. */
  poke(commandId: string): Promise<void> {
    const queued = this.#queued.get(commandId);
    if (queued) return queued;
    const pass = this.exclusive(commandId, () => {
      this.#queued.delete(commandId);
      return this.step(commandId);
    });
    this.#queued.set(commandId, pass);
    return pass;
  }

  /** Resolves when no work is queued on any command (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all([...this.#chains.values()]);
  }

  /** One pass over every active command (the periodic sweep). */
  async sweep(): Promise<void> {
    for (const id of await this.#store.listActiveCommandIds()) await this.poke(id);
  }

  /** One pass over one command. Use `poke` from outside; this is public for tests. */
  async step(commandId: string): Promise<void> {
    const command = await this.#store.getCommand(commandId);
    if (!command || !isExecuting(command.status)) return;
    const now = this.#clock.now();
    await this.#timeOut(command, now);

    let counts = await this.#store.countInvocations(commandId);
    const budget = errorBudget(command.maxErrors, command.targetCount);
    const errors = (counts.Failed ?? 0) + (counts.ExecutionTimedOut ?? 0);
    const cancelRequested = command.status === "Cancelling";
    if (errors > budget) {
      await this.#store.transitionInvocations(
        { commandId, details: ["Pending"], released: false },
        { status: "Cancelled", statusDetails: "Terminated", endedAt: now, updatedAt: now },
      );
      counts = await this.#store.countInvocations(commandId);
    } else if (!cancelRequested) {
      const inFlight = IN_FLIGHT_DETAILS.reduce((sum, d: InvocationDetails) => sum + (counts[d] ?? 0), 0);
      // Ramp-up (spec 5.4): one node first, then twice as many as have acknowledged, up to MaxConcurrency.
      const progress = await this.#store.releaseProgress(commandId);
      const rampRoom = 2 * progress.acknowledged + 1 - progress.released;
      const slots = Math.min(concurrencyLimit(command.maxConcurrency, command.targetCount) - inFlight, rampRoom);
      if (slots > 0 && (counts.Pending ?? 0) > 0) {
        const released = await this.#store.releaseInvocations(commandId, slots, now);
        for (const inv of released) {
          await this.#bus.publish(`node.${inv.instanceId}`, { kind: "deliver", commandId, instanceId: inv.instanceId });
        }
        if (released.length > 0) counts = await this.#store.countInvocations(commandId);
      }
    }

    const rolled = rollUp({ counts, targetCount: command.targetCount, errorBudget: budget, cancelRequested });
    const changed =
      rolled.status !== command.status ||
      rolled.statusDetails !== command.statusDetails ||
      rolled.completedCount !== command.completedCount ||
      rolled.errorCount !== command.errorCount ||
      rolled.deliveryTimedOutCount !== command.deliveryTimedOutCount;
    if (changed) {
      await this.#store.updateCommand(commandId, rolled);
      this.#listener.commandChanged?.({ ...command, ...rolled });
    }
  }

  /**
   * Delivery timeout: what no agent acknowledged within TimeoutSeconds ends DeliveryTimedOut, and
   * so does anything still open once the command expired (the agent never replied).
   */
  async #timeOut(command: CommandRecord, now: number): Promise<void> {
    const to = { status: "TimedOut", statusDetails: "DeliveryTimedOut", endedAt: now, updatedAt: now } as const;
    if (now >= command.requestedAt + command.timeoutSeconds * 1000) {
      await this.#store.transitionInvocations(
        { commandId: command.commandId, details: ["Pending", "InProgress", "Delayed"], delivered: false },
        to,
      );
    }
    if (now >= command.expiresAt) {
      await this.#store.transitionInvocations(
        { commandId: command.commandId, details: ["Pending", "InProgress", "Delayed", "Cancelling"] },
        to,
      );
    }
  }
}
