import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeFilter } from "../../core/ports/store.ts";
import { aNode, anActivation, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** getNode / listNodes (order, pages, every filter) / updateNode / deleteNode / existingNodeIds. */
export function nodeContract(ctx: StoreContext): void {
  /** Registers nodes 1..n (each with `overrides(n)`) against a roomy activation with no tags. */
  async function seed(n: number, overrides: (i: number) => Parameters<typeof aNode>[1] = () => ({})): Promise<void> {
    await ctx.store.createActivation(anActivation({ activationId: "act-1", registrationLimit: 1000, tags: [] }));
    for (let i = 1; i <= n; i++) {
      const node = aNode(nodeId(i), overrides(i));
      assert.equal(await ctx.store.registerNode("act-1", "hash-1", node, T0), "registered");
    }
  }

  async function ids(filter: NodeFilter): Promise<number[]> {
    const page = await ctx.store.listNodes(filter, { offset: 0, limit: 100 });
    return page.items.map((n) => Number.parseInt(n.instanceId.slice(3), 16));
  }

  describe("nodes", () => {
    it("reads back a node unchanged: lastPingAt stays absent until set", async () => {
      await seed(1);
      const stored = await ctx.store.getNode(nodeId(1));
      assert.deepEqual(stored, aNode(nodeId(1)));
      assert.equal(stored !== undefined && "lastPingAt" in stored, false);
      assert.equal(await ctx.store.getNode(nodeId(99)), undefined);
    });

    it("lists by instance id in pages that say whether more follow", async () => {
      await seed(5);
      const first = await ctx.store.listNodes({}, { offset: 0, limit: 2 });
      assert.deepEqual(
        first.items.map((n) => n.instanceId),
        [nodeId(1), nodeId(2)],
      );
      assert.equal(first.more, true);
      const last = await ctx.store.listNodes({}, { offset: 4, limit: 2 });
      assert.deepEqual(
        last.items.map((n) => n.instanceId),
        [nodeId(5)],
      );
      assert.equal(last.more, false);
      const exact = await ctx.store.listNodes({}, { offset: 3, limit: 2 });
      assert.equal(exact.more, false);
    });

    it("filters by ids, activation, agent version, platform and role; lists AND, values OR", async () => {
      await seed(4, (i) => ({
        agentVersion: i % 2 === 0 ? "2.0" : "1.0",
        platformType: i === 4 ? "Windows" : "Linux",
        iamRole: i === 1 ? "admin" : "worker",
      }));
      assert.deepEqual(await ids({ instanceIds: [nodeId(2), nodeId(3), nodeId(77)] }), [2, 3]);
      assert.deepEqual(await ids({ activationIds: ["act-1"] }), [1, 2, 3, 4]);
      assert.deepEqual(await ids({ activationIds: ["act-2"] }), []);
      assert.deepEqual(await ids({ agentVersions: ["2.0"] }), [2, 4]);
      assert.deepEqual(await ids({ platformTypes: ["Windows", "MacOS"] }), [4]);
      assert.deepEqual(await ids({ iamRoles: ["worker"], agentVersions: ["1.0"] }), [3]);
      assert.deepEqual(await ids({ instanceIds: [] }), []);
    });

    it("filters by tags: key only, one of values, AND across selectors", async () => {
      await seed(4);
      await ctx.store.putTags("ManagedInstance", nodeId(1), [{ Key: "env", Value: "prod" }]);
      await ctx.store.putTags("ManagedInstance", nodeId(2), [
        { Key: "env", Value: "dev" },
        { Key: "role", Value: "web" },
      ]);
      await ctx.store.putTags("ManagedInstance", nodeId(3), [{ Key: "role", Value: "web" }]);
      await ctx.store.putTags("Document", nodeId(4), [{ Key: "env", Value: "prod" }]);
      assert.deepEqual(await ids({ tags: [{ key: "env" }] }), [1, 2]);
      assert.deepEqual(await ids({ tags: [{ key: "env", values: ["prod", "dev"] }] }), [1, 2]);
      assert.deepEqual(await ids({ tags: [{ key: "env", values: ["prod"] }] }), [1]);
      assert.deepEqual(await ids({ tags: [{ key: "env" }, { key: "role", values: ["web"] }] }), [2]);
      assert.deepEqual(await ids({ tags: [{ key: "env", values: [] }] }), []);
      assert.deepEqual(await ids({ tags: [{ key: "ENV" }] }), []);
    });

    it("filters by ping: Online is connected and pinged since the cut-off, the rest ConnectionLost", async () => {
      const since = T0 + 100;
      await seed(4, (i) => {
        if (i === 1) return { connected: true, lastPingAt: since };
        if (i === 2) return { connected: true, lastPingAt: since - 1 };
        if (i === 3) return { connected: false, lastPingAt: since + 5 };
        return { connected: true };
      });
      assert.deepEqual(await ids({ ping: { statuses: ["Online"], onlineSince: since } }), [1]);
      assert.deepEqual(await ids({ ping: { statuses: ["ConnectionLost"], onlineSince: since } }), [2, 3, 4]);
      assert.deepEqual(
        await ids({ ping: { statuses: ["Online", "ConnectionLost"], onlineSince: since } }),
        [1, 2, 3, 4],
      );
      assert.deepEqual(await ids({ ping: { statuses: [], onlineSince: since } }), []);
      assert.deepEqual(await ids({ ping: { statuses: ["Online"], onlineSince: since }, agentVersions: ["9"] }), []);
    });

    it("patches only the given fields and reports unknown nodes", async () => {
      await seed(1);
      assert.equal(
        await ctx.store.updateNode(nodeId(1), { connected: true, lastPingAt: T0 + 7, agentVersion: "2" }),
        true,
      );
      assert.deepEqual(
        await ctx.store.getNode(nodeId(1)),
        aNode(nodeId(1), { connected: true, lastPingAt: T0 + 7, agentVersion: "2" }),
      );
      assert.equal(await ctx.store.updateNode(nodeId(1), { connected: false }), true);
      assert.equal((await ctx.store.getNode(nodeId(1)))?.connected, false);
      assert.equal((await ctx.store.getNode(nodeId(1)))?.lastPingAt, T0 + 7);
      assert.equal(await ctx.store.updateNode(nodeId(9), { connected: true }), false);
    });

    it("deletes a node with its tags, once", async () => {
      await seed(2);
      await ctx.store.putTags("ManagedInstance", nodeId(1), [{ Key: "env", Value: "prod" }]);
      await ctx.store.putTags("ManagedInstance", nodeId(2), [{ Key: "env", Value: "prod" }]);
      assert.equal(await ctx.store.deleteNode(nodeId(1)), true);
      assert.equal(await ctx.store.getNode(nodeId(1)), undefined);
      assert.deepEqual(await ctx.store.listTags("ManagedInstance", nodeId(1)), []);
      assert.deepEqual(await ctx.store.findNodeIdsByTags([{ key: "env" }]), [nodeId(2)]);
      assert.equal(await ctx.store.deleteNode(nodeId(1)), false);
    });

    it("tells which of the given ids are registered, in the order given", async () => {
      await seed(3);
      const asked = [nodeId(3), nodeId(8), nodeId(1)];
      assert.deepEqual(await ctx.store.existingNodeIds(asked), [nodeId(3), nodeId(1)]);
      assert.deepEqual(await ctx.store.existingNodeIds([]), []);
    });

    it("checks more ids than one query's parameter batch", async () => {
      await seed(2);
      const asked = Array.from({ length: 1200 }, (_, i) => nodeId(i + 1));
      assert.deepEqual(await ctx.store.existingNodeIds(asked), [nodeId(1), nodeId(2)]);
    });
  });
}
