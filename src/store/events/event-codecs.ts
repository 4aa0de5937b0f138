import type { DeliveryRecord, RuleRecord, SubscriptionRecord, TopicRecord } from "../../core/ports/event-store.ts";
import { RowCodec } from "../row-codec.ts";

/** `TopicRecord` ↔ `event_topics`. */
export const topicCodec = new RowCodec<TopicRecord>({
  name: ["name", "plain"],
  secretCiphertext: ["secret_ciphertext", "plain"],
  secretNonce: ["secret_nonce", "plain"],
  createdAt: ["created_at", "plain"],
  createdBy: ["created_by", "plain"],
});

/** `SubscriptionRecord` ↔ `event_subscriptions`. */
export const subscriptionCodec = new RowCodec<SubscriptionRecord>({
  subscriptionId: ["subscription_id", "plain"],
  topicName: ["topic_name", "plain"],
  endpoint: ["endpoint", "plain"],
  createdAt: ["created_at", "plain"],
});

/** `RuleRecord` ↔ `event_rules`. */
export const ruleCodec = new RowCodec<RuleRecord>({
  name: ["name", "plain"],
  description: ["description", "plain"],
  pattern: ["pattern", "plain"],
  action: ["action", "json"],
  secretCiphertext: ["secret_ciphertext", "plain"],
  secretNonce: ["secret_nonce", "plain"],
  createdAt: ["created_at", "plain"],
  createdBy: ["created_by", "json"],
});

/** `DeliveryRecord` ↔ `event_deliveries`. */
export const deliveryCodec = new RowCodec<DeliveryRecord>({
  deliveryId: ["delivery_id", "plain"],
  seq: ["seq", "plain"],
  source: ["source", "plain"],
  target: ["target", "plain"],
  endpoint: ["endpoint", "plain"],
  body: ["body", "plain"],
  status: ["status", "plain"],
  attempts: ["attempts", "plain"],
  lastStatus: ["last_status", "plain"],
  lastError: ["last_error", "plain"],
  response: ["response", "plain"],
  createdAt: ["created_at", "plain"],
  updatedAt: ["updated_at", "plain"],
});
