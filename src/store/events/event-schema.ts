/**
 * Kysely table types of notifications and event rules. Secrets are sealed under the master key;
 * `event_deliveries` is both the delivery log and the queue of deliveries still to make.
 */

/** `event_topics`: notification topics. */
export interface EventTopicsTable {
  name: string;
  secret_ciphertext: string;
  secret_nonce: string;
  created_at: number;
  created_by: string;
}

/** `event_subscriptions`: webhook subscribers of topics. */
export interface EventSubscriptionsTable {
  subscription_id: string;
  topic_name: string;
  endpoint: string;
  created_at: number;
}

/** `event_rules`: patterns and actions; `action` and `created_by` are JSON text. */
export interface EventRulesTable {
  name: string;
  description: string;
  pattern: string;
  action: string;
  secret_ciphertext: string;
  secret_nonce: string;
  created_at: number;
  created_by: string;
}

/** `event_deliveries`: one row per message to one target. */
export interface EventDeliveriesTable {
  delivery_id: string;
  seq: number;
  source: string;
  target: string;
  endpoint: string;
  body: string;
  status: string;
  attempts: number;
  last_status: number;
  last_error: string;
  response: string;
  created_at: number;
  updated_at: number;
}

/** The event tables, merged into the store's `Database`. */
export interface EventTables {
  event_topics: EventTopicsTable;
  event_subscriptions: EventSubscriptionsTable;
  event_rules: EventRulesTable;
  event_deliveries: EventDeliveriesTable;
}
