import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DeliveryRecord, RuleRecord, TopicRecord } from "../../core/ports/event-store.ts";
import { T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

const PAGE = { offset: 0, limit: 50 };

function aTopic(name: string): TopicRecord {
  return { name, secretCiphertext: `ct-${name}`, secretNonce: `n-${name}`, createdAt: T0, createdBy: "AKIAEXAMPLE" };
}

function aRule(name: string, overrides: Partial<RuleRecord> = {}): RuleRecord {
  return {
    name,
    description: "set up new nodes ✓",
    pattern: '{"source":["fleetrun"]}',
    action: { type: "run-document", documentName: "Setup", parameters: { role: ["web", "db"] } },
    secretCiphertext: "ct",
    secretNonce: "n",
    createdAt: T0,
    createdBy: { accessKeyId: "AKIAEXAMPLE", userName: "admin" },
    ...overrides,
  };
}

function aDelivery(seq: number, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    deliveryId: `d-${seq}`,
    seq,
    source: "topic:ops",
    target: "subscription:s-1",
    endpoint: "https://hooks.example/x",
    body: '{"status":"Success"}',
    status: "Pending",
    attempts: 0,
    lastStatus: 0,
    lastError: "",
    response: "",
    createdAt: T0 + seq,
    updatedAt: T0 + seq,
    ...overrides,
  };
}

/** Topics, subscriptions, rules and deliveries (EventStore). */
export function eventContract(ctx: StoreContext): void {
  describe("notification topics and event rules", () => {
    it("creates topics once, lists them by name and deletes them with their subscriptions", async () => {
      assert.equal(await ctx.store.createTopic(aTopic("ops")), true);
      assert.equal(await ctx.store.createTopic(aTopic("ops")), false);
      await ctx.store.createTopic(aTopic("Alerts"));
      assert.deepEqual(await ctx.store.getTopic("ops"), aTopic("ops"));
      const page = await ctx.store.listTopics(PAGE);
      assert.deepEqual(
        page.items.map((t) => t.name),
        ["Alerts", "ops"],
      );
      await ctx.store.createSubscription({
        subscriptionId: "s-1",
        topicName: "ops",
        endpoint: "http://a",
        createdAt: T0,
      });
      await ctx.store.createSubscription({
        subscriptionId: "s-2",
        topicName: "ops",
        endpoint: "http://b",
        createdAt: T0 + 1,
      });
      await ctx.store.createSubscription({
        subscriptionId: "s-3",
        topicName: "Alerts",
        endpoint: "http://c",
        createdAt: T0,
      });
      const ops = await ctx.store.listSubscriptions("ops", PAGE);
      assert.deepEqual(
        ops.items.map((s) => s.endpoint),
        ["http://a", "http://b"],
      );
      assert.equal((await ctx.store.listSubscriptions(undefined, PAGE)).items.length, 3);
      assert.equal(await ctx.store.deleteSubscription("s-1"), true);
      assert.equal(await ctx.store.deleteSubscription("s-1"), false);
      assert.equal(await ctx.store.deleteTopic("ops"), true);
      assert.equal(await ctx.store.getTopic("ops"), undefined);
      assert.deepEqual((await ctx.store.listSubscriptions("ops", PAGE)).items, []);
      assert.equal(await ctx.store.deleteTopic("ops"), false);
    });

    it("creates rules once, keeps their action and creator, and deletes them", async () => {
      const rule = aRule("setup");
      assert.equal(await ctx.store.createRule(rule), true);
      assert.equal(await ctx.store.createRule(aRule("setup", { description: "other" })), false);
      await ctx.store.createRule(aRule("hook", { action: { type: "webhook", url: "https://hooks.example/e" } }));
      assert.deepEqual(await ctx.store.getRule("setup"), rule);
      assert.deepEqual(
        (await ctx.store.listRules(PAGE)).items.map((r) => r.name),
        ["hook", "setup"],
      );
      assert.equal(await ctx.store.deleteRule("setup"), true);
      assert.equal(await ctx.store.deleteRule("setup"), false);
      assert.equal(await ctx.store.getRule("setup"), undefined);
    });

    it("records deliveries, updates their attempts and lists them newest first", async () => {
      await ctx.store.insertDeliveries([aDelivery(1), aDelivery(2, { source: "webhook" }), aDelivery(3)]);
      await ctx.store.updateDelivery("d-1", {
        status: "Delivered",
        attempts: 3,
        lastStatus: 200,
        lastError: "HTTP 500",
        response: "ok",
        updatedAt: T0 + 99,
      });
      const all = await ctx.store.listDeliveries({}, PAGE);
      assert.deepEqual(
        all.items.map((d) => d.deliveryId),
        ["d-3", "d-2", "d-1"],
      );
      assert.deepEqual(
        all.items[2],
        aDelivery(1, {
          status: "Delivered",
          attempts: 3,
          lastStatus: 200,
          lastError: "HTTP 500",
          response: "ok",
          updatedAt: T0 + 99,
        }),
      );
      const topic = await ctx.store.listDeliveries({ source: "topic:ops", status: "Pending" }, PAGE);
      assert.deepEqual(
        topic.items.map((d) => d.deliveryId),
        ["d-3"],
      );
      const first = await ctx.store.listDeliveries({}, { offset: 0, limit: 2 });
      assert.equal(first.more, true);
    });

    it("gives pending deliveries in seq order and prunes only finished old ones", async () => {
      await ctx.store.insertDeliveries([aDelivery(5), aDelivery(4), aDelivery(6, { status: "Failed" })]);
      await ctx.store.insertDeliveries([aDelivery(7, { status: "Delivered", updatedAt: T0 + 1000 })]);
      assert.deepEqual(
        (await ctx.store.pendingDeliveries(10)).map((d) => d.seq),
        [4, 5],
      );
      assert.equal(await ctx.store.pruneDeliveries(T0 + 500), 1);
      assert.deepEqual(
        (await ctx.store.listDeliveries({}, PAGE)).items.map((d) => d.seq),
        [7, 5, 4],
      );
    });
  });
}
