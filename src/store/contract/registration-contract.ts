import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aNode, anActivation, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** registerNode: every outcome, the tag copy and racing registrations. */
export function registrationContract(ctx: StoreContext): void {
  describe("registerNode", () => {
    const now = T0 + 1000;

    it("registers: stores the node, counts it and copies the activation's tags onto it", async () => {
      await ctx.store.createActivation(anActivation());
      const node = aNode(nodeId(1), { lastPingAt: now, connected: true });
      assert.equal(await ctx.store.registerNode("act-1", "hash-1", node, now), "registered");
      assert.deepEqual(await ctx.store.getNode(node.instanceId), node);
      assert.equal((await ctx.store.getActivation("act-1"))?.registrationsCount, 1);
      assert.deepEqual(await ctx.store.listTags("ManagedInstance", node.instanceId), [
        { Key: "Team", Value: "ops" },
        { Key: "env", Value: "lab" },
      ]);
    });

    it("refuses an unknown activation or a wrong code as not-found, changing nothing", async () => {
      await ctx.store.createActivation(anActivation());
      assert.equal(await ctx.store.registerNode("act-1", "wrong", aNode(nodeId(1)), now), "not-found");
      assert.equal(await ctx.store.registerNode("act-none", "hash-1", aNode(nodeId(2)), now), "not-found");
      assert.equal(await ctx.store.getNode(nodeId(1)), undefined);
      assert.equal(await ctx.store.getNode(nodeId(2)), undefined);
      assert.equal((await ctx.store.getActivation("act-1"))?.registrationsCount, 0);
    });

    it("refuses an activation whose expiry is now or past as expired", async () => {
      await ctx.store.createActivation(anActivation({ activationId: "at-now", expiresAt: now }));
      await ctx.store.createActivation(anActivation({ activationId: "past", expiresAt: now - 1 }));
      await ctx.store.createActivation(anActivation({ activationId: "future", expiresAt: now + 1 }));
      assert.equal(await ctx.store.registerNode("at-now", "hash-1", aNode(nodeId(1)), now), "expired");
      assert.equal(await ctx.store.registerNode("past", "hash-1", aNode(nodeId(2)), now), "expired");
      assert.equal(await ctx.store.registerNode("future", "hash-1", aNode(nodeId(3)), now), "registered");
      assert.equal(await ctx.store.getNode(nodeId(1)), undefined);
      assert.equal((await ctx.store.getActivation("at-now"))?.registrationsCount, 0);
    });

    it("refuses registrations past the limit as limit-reached", async () => {
      await ctx.store.createActivation(anActivation({ registrationLimit: 2 }));
      assert.equal(await ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(1)), now), "registered");
      assert.equal(await ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(2)), now), "registered");
      assert.equal(await ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(3)), now), "limit-reached");
      assert.equal(await ctx.store.getNode(nodeId(3)), undefined);
      assert.equal((await ctx.store.getActivation("act-1"))?.registrationsCount, 2);
    });

    it("lets exactly one of several racing registrations through a limit of one", async () => {
      await ctx.store.createActivation(anActivation({ registrationLimit: 1 }));
      const outcomes = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(n)), now)),
      );
      assert.equal(outcomes.filter((o) => o === "registered").length, 1);
      assert.equal(outcomes.filter((o) => o === "limit-reached").length, 4);
      const nodes = await ctx.store.listNodes({}, { offset: 0, limit: 10 });
      assert.equal(nodes.items.length, 1);
      assert.equal((await ctx.store.getActivation("act-1"))?.registrationsCount, 1);
    });

    it("registers many nodes concurrently without transaction errors", async () => {
      await ctx.store.createActivation(anActivation({ registrationLimit: 20 }));
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, n) => ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(n)), now)),
      );
      assert.deepEqual(new Set(outcomes), new Set(["registered"]));
      assert.equal((await ctx.store.getActivation("act-1"))?.registrationsCount, 20);
      assert.equal((await ctx.store.findNodeIdsByTags([{ key: "env", values: ["lab"] }])).length, 20);
    });
  });
}
