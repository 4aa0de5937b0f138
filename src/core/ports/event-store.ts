import type { Page, PageRequest } from "./store.ts";

/** A secret sealed under the master key (base64 ciphertext with its GCM tag, base64 nonce). */
export interface SealedSecretRecord {
  secretCiphertext: string;
  secretNonce: string;
}

/** A notification topic: webhook subscribers, one signing secret. */
export interface TopicRecord extends SealedSecretRecord {
  name: string;
  createdAt: number;
  /** Access key id of the creator. */
  createdBy: string;
}

/** A webhook subscribed to a topic. */
export interface SubscriptionRecord {
  subscriptionId: string;
  topicName: string;
  /** The http(s) URL deliveries are POSTed to. */
  endpoint: string;
  createdAt: number;
}

/** What a rule does with a matching event. */
export type RuleAction =
  /** POST the event to a URL (signed with the rule's secret). */
  | { type: "webhook"; url: string }
  /** SendCommand the document to the node the event is about, as the rule's creator. */
  | { type: "run-document"; documentName: string; documentVersion?: string; parameters: Record<string, string[]> };

/** An event rule: an EventBridge pattern and an action. */
export interface RuleRecord extends SealedSecretRecord {
  name: string;
  description: string;
  /** The pattern's JSON text, as given. */
  pattern: string;
  action: RuleAction;
  createdAt: number;
  /** The creator, whose permissions a run-document action uses. */
  createdBy: { accessKeyId: string; userName: string };
}

/** Where a delivery stands. */
export type DeliveryStatus = "Pending" | "Delivered" | "Failed";

/** One message to one target, with the outcome of its attempts. */
export interface DeliveryRecord {
  deliveryId: string;
  /** Increasing in creation order: a target's deliveries are made in this order. */
  seq: number;
  /** Who asked for it and whose secret signs it: `webhook` (a raw URL), `topic:<name>` or `rule:<name>`. */
  source: string;
  /** The queue it waits in: deliveries with the same target are made one after another. */
  target: string;
  /** The URL POSTed to, or `document:<name>` for a rule that runs a document. */
  endpoint: string;
  /** The exact JSON body sent. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt (0: no answer). */
  lastStatus: number;
  lastError: string;
  /** The start of the target's answer, or the CommandId a run-document rule started. */
  response: string;
  createdAt: number;
  updatedAt: number;
}

/** Fields an attempt updates. */
export type DeliveryPatch = Partial<
  Pick<DeliveryRecord, "status" | "attempts" | "lastStatus" | "lastError" | "response" | "updatedAt">
>;

/** Filters of the delivery list (AND). */
export interface DeliveryFilter {
  source?: string;
  status?: DeliveryStatus;
}

/**
 * Durable state of notifications and event rules: topics and their webhook subscriptions, rules,
 * and the delivery log that doubles as the queue of deliveries still to make.
 */
export interface EventStore {
  /** Returns false when a topic of that name exists. */
  createTopic(topic: TopicRecord): Promise<boolean>;
  getTopic(name: string): Promise<TopicRecord | undefined>;
  /** By name. */
  listTopics(page: PageRequest): Promise<Page<TopicRecord>>;
  /** Deletes the topic and its subscriptions; returns whether it existed. */
  deleteTopic(name: string): Promise<boolean>;

  createSubscription(subscription: SubscriptionRecord): Promise<void>;
  deleteSubscription(subscriptionId: string): Promise<boolean>;
  /** Of one topic or all, oldest first. */
  listSubscriptions(topicName: string | undefined, page: PageRequest): Promise<Page<SubscriptionRecord>>;

  /** Returns false when a rule of that name exists. */
  createRule(rule: RuleRecord): Promise<boolean>;
  getRule(name: string): Promise<RuleRecord | undefined>;
  /** By name. */
  listRules(page: PageRequest): Promise<Page<RuleRecord>>;
  deleteRule(name: string): Promise<boolean>;

  /** Records new deliveries (bulk insert). */
  insertDeliveries(deliveries: readonly DeliveryRecord[]): Promise<void>;
  updateDelivery(deliveryId: string, patch: DeliveryPatch): Promise<void>;
  /** Newest first. */
  listDeliveries(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryRecord>>;
  /** Pending deliveries in `seq` order, to resume after a restart. */
  pendingDeliveries(limit: number): Promise<DeliveryRecord[]>;
  /** Deletes finished (Delivered or Failed) deliveries last updated before `before`; returns how many. */
  pruneDeliveries(before: number): Promise<number>;
}
