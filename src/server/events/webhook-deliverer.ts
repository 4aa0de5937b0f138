import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.ts";
import type { DeliveryPatch, DeliveryRecord, DeliveryStatus, EventStore } from "../../core/ports/event-store.ts";
import type { Ids } from "../../core/ports/ids.ts";
import { SIGNATURE_HEADER, signBody } from "./webhook-signature.ts";

/** Retry and queue settings. */
export interface DeliveryOptions {
  /** Attempts per delivery, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; it doubles before each further one (1 s, 2 s, 4 s, ...). */
  baseDelayMs: number;
  /** An attempt without an answer within this time fails (a hanging endpoint). */
  attemptTimeoutMs: number;
  /** Deliveries waiting per target at most; beyond that new ones fail at once ("queue full"). */
  laneCapacity: number;
}

/** 6 attempts over about 31 s of back-off, 10 s per attempt. */
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  attemptTimeoutMs: 10_000,
  laneCapacity: 10_000,
};

/** A message to deliver: see {@link DeliveryRecord} for the fields. */
export interface NewDelivery {
  source: string;
  target: string;
  endpoint: string;
  body: string;
}

/** What the deliverer needs. */
export interface DelivererDeps {
  store: EventStore;
  clock: Clock;
  ids: Ids;
  log: Logger;
  /** The secret that signs deliveries of `source`; undefined once it is gone (topic or rule deleted). */
  secretFor(source: string): Promise<string | undefined>;
  options?: Partial<DeliveryOptions>;
}

const RESPONSE_CHARS = 200;

/**
 * Signed webhook deliveries with retries. Each delivery is recorded in the store before it is
 * queued; each target (a webhook URL, a topic subscription, a rule) has its own lane, served one
 * delivery at a time in order, so a slow or failing endpoint holds up only its own lane — never
 * another target, and never command execution. Deliveries left Pending by a stop are resumed by
 * the next `resume()`.
 */
export class WebhookDeliverer {
  readonly #deps: DelivererDeps;
  readonly #options: DeliveryOptions;
  readonly #lanes = new Map<string, DeliveryRecord[]>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  #seq = 0;

  constructor(deps: DelivererDeps) {
    this.#deps = deps;
    this.#options = { ...DEFAULT_DELIVERY_OPTIONS, ...deps.options };
  }

  /** Records the deliveries and queues them; resolves once recorded (the POSTs happen later). */
  async enqueue(items: readonly NewDelivery[]): Promise<DeliveryRecord[]> {
    if (items.length === 0 || this.#abort.signal.aborted) return [];
    const now = this.#deps.clock.now();
    const records = items.map((item) => {
      const full = (this.#lanes.get(item.target)?.length ?? 0) >= this.#options.laneCapacity;
      return this.#record(
        item,
        now,
        full ? "Failed" : "Pending",
        full ? "queue full: the target is not keeping up" : "",
      );
    });
    await this.#deps.store.insertDeliveries(records);
    for (const record of records) if (record.status === "Pending") this.#queue(record);
    return records;
  }

  /** Records an action that is not a POST (a rule that runs a document), already finished. */
  async recordFinished(item: NewDelivery, outcome: { ok: boolean; error: string; response: string }): Promise<void> {
    const record = this.#record(item, this.#deps.clock.now(), outcome.ok ? "Delivered" : "Failed", outcome.error);
    await this.#deps.store.insertDeliveries([{ ...record, attempts: 1, response: outcome.response }]);
  }

  /** Queues the deliveries a previous run left Pending, in their order; returns how many. */
  async resume(): Promise<number> {
    const pending = await this.#deps.store.pendingDeliveries(this.#options.laneCapacity);
    for (const record of pending) {
      this.#seq = Math.max(this.#seq, record.seq);
      this.#queue(record);
    }
    return pending.length;
  }

  /** Resolves when every lane is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()]);
  }

  /** Aborts attempts under way and waits for the lanes to stop; unfinished deliveries stay Pending. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.idle();
  }

  #record(item: NewDelivery, now: number, status: DeliveryStatus, lastError: string): DeliveryRecord {
    this.#seq = Math.max(this.#seq + 1, now * 1000);
    return {
      deliveryId: this.#deps.ids.uuid(),
      seq: this.#seq,
      ...item,
      status,
      attempts: 0,
      lastStatus: 0,
      lastError,
      response: "",
      createdAt: now,
      updatedAt: now,
    };
  }

  #queue(record: DeliveryRecord): void {
    let lane = this.#lanes.get(record.target);
    if (!lane) {
      lane = [];
      this.#lanes.set(record.target, lane);
    }
    lane.push(record);
    this.#kick(record.target);
  }

  #kick(target: string): void {
    if (this.#running.has(target) || this.#abort.signal.aborted) return;
    const run = this.#drain(target)
      .catch((error: unknown) => this.#deps.log.error({ err: error, target }, "webhook lane failed"))
      .finally(() => {
        this.#running.delete(target);
        // Something queued while the lane was finishing: start it again.
        if ((this.#lanes.get(target)?.length ?? 0) > 0) this.#kick(target);
      });
    this.#running.set(target, run);
  }

  async #drain(target: string): Promise<void> {
    const lane = this.#lanes.get(target);
    while (lane && lane.length > 0 && !this.#abort.signal.aborted) {
      const next = lane[0];
      if (next) await this.#deliver(next);
      lane.shift();
    }
    if (lane?.length === 0) this.#lanes.delete(target);
  }

  async #deliver(delivery: DeliveryRecord): Promise<void> {
    const { store, clock } = this.#deps;
    const { maxAttempts, baseDelayMs } = this.#options;
    const secret = await this.#deps.secretFor(delivery.source);
    if (secret === undefined) {
      const patch = {
        status: "Failed",
        lastError: `${delivery.source} no longer exists`,
        updatedAt: clock.now(),
      } as const;
      await store.updateDelivery(delivery.deliveryId, patch);
      return;
    }
    for (let attempt = delivery.attempts + 1; attempt <= maxAttempts; attempt++) {
      const outcome = await this.#attempt(delivery, secret, attempt);
      if (outcome === undefined) return;
      const ok = outcome.status >= 200 && outcome.status < 300;
      const patch: DeliveryPatch = {
        status: ok ? "Delivered" : attempt === maxAttempts ? "Failed" : "Pending",
        attempts: attempt,
        lastStatus: outcome.status,
        lastError: outcome.lastError,
        response: outcome.response,
        updatedAt: clock.now(),
      };
      await store.updateDelivery(delivery.deliveryId, patch);
      if (ok || attempt === maxAttempts) return;
      if (!(await this.#sleep(baseDelayMs * 2 ** (attempt - 1)))) return;
    }
    if (delivery.attempts >= maxAttempts) {
      await store.updateDelivery(delivery.deliveryId, { status: "Failed", updatedAt: clock.now() });
    }
  }

  /** One POST; undefined when the deliverer stopped meanwhile (the attempt does not count). */
  async #attempt(
    delivery: DeliveryRecord,
    secret: string,
    attempt: number,
  ): Promise<{ status: number; lastError: string; response: string } | undefined> {
    const timeout = AbortSignal.timeout(this.#options.attemptTimeoutMs);
    try {
      const response = await fetch(delivery.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "fleetrun-webhook/1",
          [SIGNATURE_HEADER]: signBody(secret, delivery.body),
          "x-fleetrun-delivery": delivery.deliveryId,
          "x-fleetrun-attempt": String(attempt),
          "x-fleetrun-source": delivery.source,
        },
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.any([this.#abort.signal, timeout]),
      });
      const text = (await response.text()).slice(0, RESPONSE_CHARS);
      return { status: response.status, lastError: response.ok ? "" : `HTTP ${response.status}`, response: text };
    } catch (error) {
      if (this.#abort.signal.aborted) return undefined;
      const lastError = timeout.aborted ? `no answer within ${this.#options.attemptTimeoutMs} ms` : describe(error);
      return { status: 0, lastError, response: "" };
    }
  }

  /** Waits, unless stopped; returns whether it waited the whole time. */
  #sleep(ms: number): Promise<boolean> {
    const signal = this.#abort.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", done);
        resolve(true);
      }, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
