import type { Logger } from "pino";
import type { FleetEvent } from "../../core/events/fleet-event.ts";
import type { StatusChange } from "../../core/events/status-change.ts";
import { commandStatusEvent, invocationStatusEvent, nodeEvent } from "../../core/events/status-events.ts";
import type { CommandRecord } from "../../core/model.ts";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { RuleAction, RuleRecord } from "../../core/ports/event-store.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import type { ChangeQueue } from "./change-queue.ts";
import type { NotificationRouter } from "./notification-router.ts";
import { RULE_COMMENT_PREFIX } from "./rule-document-runner.ts";
import type { RuleEngine } from "./rule-engine.ts";
import type { NewDelivery, WebhookDeliverer } from "./webhook-deliverer.ts";

/** What the pipeline needs. */
export interface EventPipelineDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  log: Logger;
  region: string;
  accountId: string;
  changes: ChangeQueue;
  notifications: NotificationRouter;
  rules: RuleEngine;
  deliverer: WebhookDeliverer;
  /** Runs a rule's document on a node; returns the CommandId. */
  runDocument(
    rule: RuleRecord,
    action: Extract<RuleAction, { type: "run-document" }>,
    instanceId: string,
  ): Promise<string>;
}

/** Commands kept in memory for the invocation events that follow their creation. */
const COMMAND_CACHE = 1000;
/** Finished deliveries are kept this long. */
const DELIVERY_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

/**
 * Turns state changes into events, in the order they happened: each becomes a FleetEvent published
 * on the bus subject `events` (live watchers), the notification deliveries its command asks for,
 * and the actions of the rules it matches. It runs on the replica that made the change, so every
 * event is handled exactly once however many replicas run. It works off the {@link ChangeQueue},
 * never on the paths that run commands.
 */
export class EventPipeline {
  readonly #deps: EventPipelineDeps;
  readonly #commands = new Map<string, CommandRecord>();
  #loop: Promise<void> | undefined;
  #prune: NodeJS.Timeout | undefined;

  constructor(deps: EventPipelineDeps) {
    this.#deps = deps;
  }

  /** Resumes deliveries left pending by the last run and starts taking changes. */
  async start(): Promise<void> {
    const resumed = await this.#deps.deliverer.resume();
    if (resumed > 0) this.#deps.log.info({ resumed }, "resuming webhook deliveries");
    this.#loop = this.#run();
    this.#prune = setInterval(() => {
      const before = this.#deps.clock.now() - DELIVERY_RETENTION_MS;
      this.#deps.store
        .pruneDeliveries(before)
        .catch((error: unknown) => this.#deps.log.error({ err: error }, "pruning deliveries failed"));
    }, PRUNE_EVERY_MS);
    this.#prune.unref();
  }

  /** Handles the changes already queued, then stops the deliveries (unfinished ones stay Pending). */
  async stop(): Promise<void> {
    clearInterval(this.#prune);
    this.#deps.changes.close();
    await this.#loop;
    await this.#deps.deliverer.stop();
  }

  async #run(): Promise<void> {
    for (;;) {
      const change = await this.#deps.changes.next();
      if (change === undefined) return;
      try {
        await this.#handle(change);
      } catch (error) {
        this.#deps.log.error({ err: error, change: change.kind }, "event handling failed");
      }
    }
  }

  async #handle(change: StatusChange): Promise<void> {
    const { ids, region, accountId, store } = this.#deps;
    const env = { id: ids.uuid(), time: change.at, region, account: accountId };
    let event: FleetEvent;
    let command: CommandRecord | undefined;
    let deliveries: NewDelivery[] = [];
    if (change.kind === "command") {
      command = change.command;
      this.#remember(command);
      event = commandStatusEvent(command, env);
      deliveries = await this.#deps.notifications.forCommand(command, change.at);
    } else if (change.kind === "invocation") {
      command = await this.#command(change.commandId);
      if (command === undefined) return;
      event = invocationStatusEvent(command, change.instanceId, change.status, env);
      deliveries = await this.#deps.notifications.forInvocation(command, change.instanceId, change.status, change.at);
    } else {
      const node = change.change === "Deregistered" ? undefined : await store.getNode(change.instanceId);
      const tags = node ? await store.listTags("ManagedInstance", change.instanceId) : [];
      event = nodeEvent(change.change, change.instanceId, node, tags, env);
    }
    await this.#deps.bus.publish("events", { kind: "event", event });
    await this.#deps.deliverer.enqueue(deliveries);
    await this.#applyRules(event, command);
  }

  async #applyRules(event: FleetEvent, command: CommandRecord | undefined): Promise<void> {
    const fromRule = command?.comment.startsWith(RULE_COMMENT_PREFIX) ?? false;
    for (const rule of await this.#deps.rules.matching(event)) {
      const source = `rule:${rule.name}`;
      const { action } = rule;
      if (action.type === "webhook") {
        await this.#deps.deliverer.enqueue([
          { source, target: source, endpoint: action.url, body: JSON.stringify(event) },
        ]);
        continue;
      }
      // A command a rule started never starts another one, or a rule could feed itself forever.
      if (fromRule) continue;
      const item = { source, target: source, endpoint: `document:${action.documentName}`, body: JSON.stringify(event) };
      const instanceId = event.detail["instance-id"];
      if (typeof instanceId !== "string") {
        await this.#deps.deliverer.recordFinished(item, { ok: false, error: "the event names no node", response: "" });
        continue;
      }
      try {
        const commandId = await this.#deps.runDocument(rule, action, instanceId);
        await this.#deps.deliverer.recordFinished(item, { ok: true, error: "", response: commandId });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await this.#deps.deliverer.recordFinished(item, { ok: false, error: message, response: "" });
      }
    }
  }

  async #command(commandId: string): Promise<CommandRecord | undefined> {
    const cached = this.#commands.get(commandId);
    if (cached) return cached;
    const command = await this.#deps.store.getCommand(commandId);
    if (command) this.#remember(command);
    return command;
  }

  #remember(command: CommandRecord): void {
    this.#commands.delete(command.commandId);
    this.#commands.set(command.commandId, command);
    if (this.#commands.size > COMMAND_CACHE) {
      const oldest = this.#commands.keys().next().value;
      if (oldest !== undefined) this.#commands.delete(oldest);
    }
  }
}
