import type { Logger } from "pino";
import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import { parseNotificationTarget } from "../../core/notifications/notification-target.ts";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import type { PolicySource } from "../auth/authorizer.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import type { ChangeQueue } from "./change-queue.ts";
import { EventPipeline } from "./event-pipeline.ts";
import { secretContext } from "./fleetrun-api-context.ts";
import { FleetrunProtocol } from "./fleetrun-protocol.ts";
import { NotificationRouter } from "./notification-router.ts";
import { runRuleDocument } from "./rule-document-runner.ts";
import { RuleEngine } from "./rule-engine.ts";
import { type DeliveryOptions, WebhookDeliverer } from "./webhook-deliverer.ts";
import { loadWebhookSecret } from "./webhook-secret.ts";

/** What events, notifications and rules need from the server. */
export interface EventsDeps {
  /** The observed store (server/events/observed-store.ts) that feeds `changes`. */
  store: Store;
  changes: ChangeQueue;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  log: Logger;
  documents: DocumentCatalog;
  policies: PolicySource;
  box: SecretBox;
  dataDir: string;
  region: string;
  accountId: string;
  delivery?: Partial<DeliveryOptions>;
}

/** Events, notifications and rules, running. */
export interface RunningEvents {
  /** The `Fleetrun.*` API (topics, subscriptions, rules, deliveries). */
  protocol: FleetrunProtocol;
  /** SendCommand's check of a NotificationArn: a webhook URL or an existing topic. */
  knownNotificationTarget(arn: string): Promise<boolean>;
  /** Handles what is queued, then stops deliveries (unfinished ones resume at the next start). */
  close(): Promise<void>;
}

/** Starts the event pipeline and its webhook deliveries; wires the management API. */
export async function startEvents(deps: EventsDeps): Promise<RunningEvents> {
  const { store, box, clock, log } = deps;
  const serverSecret = await loadWebhookSecret(deps.dataDir);
  const deliverer = new WebhookDeliverer({
    store,
    clock,
    ids: deps.ids,
    log,
    ...(deps.delivery === undefined ? {} : { options: deps.delivery }),
    secretFor: async (source) => {
      if (source === "webhook") return serverSecret;
      const [kind, name = ""] = splitSource(source);
      const sealed =
        kind === "topic" ? await store.getTopic(name) : kind === "rule" ? await store.getRule(name) : undefined;
      if (!sealed) return undefined;
      return box.open({ ciphertext: sealed.secretCiphertext, nonce: sealed.secretNonce }, secretContext(source));
    },
  });
  const rules = new RuleEngine({ store, clock, log });
  const pipeline = new EventPipeline({
    ...deps,
    notifications: new NotificationRouter({ store, log }),
    rules,
    deliverer,
    runDocument: (rule, action, instanceId) => runRuleDocument(deps, rule, action, instanceId),
  });
  await pipeline.start();
  const protocol = new FleetrunProtocol({ ...deps, rulesChanged: () => rules.invalidate() }, deps.policies);
  return {
    protocol,
    async knownNotificationTarget(arn) {
      const target = parseNotificationTarget(arn);
      if (target?.kind === "webhook") return true;
      return target !== undefined && (await store.getTopic(target.name)) !== undefined;
    },
    close: () => pipeline.stop(),
  };
}

function splitSource(source: string): [string, string] {
  const colon = source.indexOf(":");
  return colon < 0 ? [source, ""] : [source.slice(0, colon), source.slice(colon + 1)];
}
