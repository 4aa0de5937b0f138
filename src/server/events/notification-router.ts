import type { Logger } from "pino";
import type { CommandRecord, InvocationStatus } from "../../core/model.ts";
import { notificationWanted } from "../../core/notifications/notification-filter.ts";
import { commandNotification, invocationNotification } from "../../core/notifications/notification-message.ts";
import { parseNotificationTarget } from "../../core/notifications/notification-target.ts";
import type { EventStore } from "../../core/ports/event-store.ts";
import type { NewDelivery } from "./webhook-deliverer.ts";

/** Subscribers read per topic at most. */
const MAX_SUBSCRIBERS = 500;

/**
 * Turns status changes into SNS-style notification deliveries, as the command's
 * NotificationConfig asks: to its webhook URL (source `webhook`, signed with the server's secret)
 * or to every subscriber of its topic (source `topic:<name>`, signed with the topic's secret).
 */
export class NotificationRouter {
  readonly #store: EventStore;
  readonly #log: Logger;

  constructor(deps: { store: EventStore; log: Logger }) {
    this.#store = deps.store;
    this.#log = deps.log;
  }

  /** Deliveries for the command's current status (none unless its config asks for them). */
  async forCommand(command: CommandRecord, at: number): Promise<NewDelivery[]> {
    if (!notificationWanted(command.notificationConfig, "Command", command.status)) return [];
    return this.#route(command, JSON.stringify(commandNotification(command, at)));
  }

  /** Deliveries for one node's new status (none unless its config asks for them). */
  async forInvocation(
    command: CommandRecord,
    instanceId: string,
    status: InvocationStatus,
    at: number,
  ): Promise<NewDelivery[]> {
    if (!notificationWanted(command.notificationConfig, "Invocation", status)) return [];
    return this.#route(command, JSON.stringify(invocationNotification(command, instanceId, status, at)));
  }

  async #route(command: CommandRecord, body: string): Promise<NewDelivery[]> {
    const target = parseNotificationTarget(command.notificationConfig.NotificationArn);
    if (target === undefined) return [];
    if (target.kind === "webhook") {
      return [{ source: "webhook", target: `webhook:${target.url}`, endpoint: target.url, body }];
    }
    const subscriptions = await this.#store.listSubscriptions(target.name, { offset: 0, limit: MAX_SUBSCRIBERS });
    if (subscriptions.items.length === 0 && !(await this.#store.getTopic(target.name))) {
      this.#log.warn({ commandId: command.commandId, topic: target.name }, "notification topic no longer exists");
    }
    return subscriptions.items.map((s) => ({
      source: `topic:${target.name}`,
      target: `subscription:${s.subscriptionId}`,
      endpoint: s.endpoint,
      body,
    }));
  }
}
