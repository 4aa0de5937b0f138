import type { Kysely } from "kysely";
import type {
  DeliveryFilter,
  DeliveryPatch,
  DeliveryRecord,
  EventStore,
  RuleRecord,
  SubscriptionRecord,
  TopicRecord,
} from "../../core/ports/event-store.ts";
import type { Page, PageRequest } from "../../core/ports/store.ts";
import { KyselyIdentityStore } from "../identity/kysely-identity-store.ts";
import { chunks, toPage } from "../paging.ts";
import type { Database } from "../schema.ts";
import { deliveryCodec, ruleCodec, subscriptionCodec, topicCodec } from "./event-codecs.ts";

/**
 * The {@link EventStore} over Kysely, for SQLite and PostgreSQL alike. It extends the identity
 * store only so that `KyselyStore` can inherit all of them (TypeScript has no multiple inheritance).
 */
export class KyselyEventStore extends KyselyIdentityStore implements EventStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    super(db);
    this.#db = db;
  }

  async createTopic(topic: TopicRecord): Promise<boolean> {
    const r = await this.#db
      .insertInto("event_topics")
      .values(topicCodec.toRow(topic))
      .onConflict((oc) => oc.column("name").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async getTopic(name: string): Promise<TopicRecord | undefined> {
    const row = await this.#db.selectFrom("event_topics").selectAll().where("name", "=", name).executeTakeFirst();
    return row && topicCodec.fromRow(row);
  }

  async listTopics(page: PageRequest): Promise<Page<TopicRecord>> {
    const rows = await this.#db
      .selectFrom("event_topics")
      .selectAll()
      .orderBy("name")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => topicCodec.fromRow(r));
  }

  async deleteTopic(name: string): Promise<boolean> {
    return await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom("event_subscriptions").where("topic_name", "=", name).execute();
      const r = await trx.deleteFrom("event_topics").where("name", "=", name).executeTakeFirst();
      return r.numDeletedRows > 0n;
    });
  }

  async createSubscription(subscription: SubscriptionRecord): Promise<void> {
    await this.#db.insertInto("event_subscriptions").values(subscriptionCodec.toRow(subscription)).execute();
  }

  async deleteSubscription(subscriptionId: string): Promise<boolean> {
    const r = await this.#db
      .deleteFrom("event_subscriptions")
      .where("subscription_id", "=", subscriptionId)
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async listSubscriptions(topicName: string | undefined, page: PageRequest): Promise<Page<SubscriptionRecord>> {
    let query = this.#db.selectFrom("event_subscriptions").selectAll();
    if (topicName !== undefined) query = query.where("topic_name", "=", topicName);
    const rows = await query
      .orderBy("created_at")
      .orderBy("subscription_id")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => subscriptionCodec.fromRow(r));
  }

  async createRule(rule: RuleRecord): Promise<boolean> {
    const r = await this.#db
      .insertInto("event_rules")
      .values(ruleCodec.toRow(rule))
      .onConflict((oc) => oc.column("name").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async getRule(name: string): Promise<RuleRecord | undefined> {
    const row = await this.#db.selectFrom("event_rules").selectAll().where("name", "=", name).executeTakeFirst();
    return row && ruleCodec.fromRow(row);
  }

  async listRules(page: PageRequest): Promise<Page<RuleRecord>> {
    const rows = await this.#db
      .selectFrom("event_rules")
      .selectAll()
      .orderBy("name")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => ruleCodec.fromRow(r));
  }

  async deleteRule(name: string): Promise<boolean> {
    const r = await this.#db.deleteFrom("event_rules").where("name", "=", name).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async insertDeliveries(deliveries: readonly DeliveryRecord[]): Promise<void> {
    const rows = deliveries.map((d) => deliveryCodec.toRow<Database["event_deliveries"]>(d));
    for (const chunk of chunks(rows)) await this.#db.insertInto("event_deliveries").values(chunk).execute();
  }

  async updateDelivery(deliveryId: string, patch: DeliveryPatch): Promise<void> {
    const row = deliveryCodec.patchRow<Partial<Database["event_deliveries"]>>(patch);
    if (Object.keys(row).length === 0) return;
    await this.#db.updateTable("event_deliveries").set(row).where("delivery_id", "=", deliveryId).execute();
  }

  async listDeliveries(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryRecord>> {
    let query = this.#db.selectFrom("event_deliveries").selectAll();
    if (filter.source !== undefined) query = query.where("source", "=", filter.source);
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    const rows = await query
      .orderBy("seq", "desc")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => deliveryCodec.fromRow(r));
  }

  async pendingDeliveries(limit: number): Promise<DeliveryRecord[]> {
    const rows = await this.#db
      .selectFrom("event_deliveries")
      .selectAll()
      .where("status", "=", "Pending")
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map((r) => deliveryCodec.fromRow(r));
  }

  async pruneDeliveries(before: number): Promise<number> {
    const r = await this.#db
      .deleteFrom("event_deliveries")
      .where("status", "in", ["Delivered", "Failed"])
      .where("updated_at", "<", before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
