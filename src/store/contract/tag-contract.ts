import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aNode, anActivation, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** putTags / removeTags / listTags / listTagsOfMany / findNodeIdsByTags. */
export function tagContract(ctx: StoreContext): void {
  describe("tags", () => {
    it("adds and overwrites tags, listing them by key in byte order", async () => {
      await ctx.store.putTags("Document", "doc-1", [
        { Key: "b", Value: "1" },
        { Key: "a", Value: "2" },
        { Key: "B", Value: "3" },
      ]);
      await ctx.store.putTags("Document", "doc-1", [
        { Key: "a", Value: "changed" },
        { Key: "c", Value: "" },
      ]);
      assert.deepEqual(await ctx.store.listTags("Document", "doc-1"), [
        { Key: "B", Value: "3" },
        { Key: "a", Value: "changed" },
        { Key: "b", Value: "1" },
        { Key: "c", Value: "" },
      ]);
    });

    it("lists the tags of many resources at once, [] for untagged ones, each by key", async () => {
      await ctx.store.putTags("ManagedInstance", "mi-1", [
        { Key: "b", Value: "2" },
        { Key: "a", Value: "1" },
      ]);
      await ctx.store.putTags("ManagedInstance", "mi-2", [{ Key: "x", Value: "y" }]);
      await ctx.store.putTags("Document", "mi-3", [{ Key: "other", Value: "type" }]);
      const many = await ctx.store.listTagsOfMany("ManagedInstance", ["mi-1", "mi-2", "mi-3"]);
      assert.deepEqual(Object.fromEntries(many), {
        "mi-1": [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
        "mi-2": [{ Key: "x", Value: "y" }],
        "mi-3": [],
      });
    });

    it("keeps the last value of a key given twice in one call", async () => {
      await ctx.store.putTags("Document", "doc-1", [
        { Key: "k", Value: "first" },
        { Key: "k", Value: "last" },
      ]);
      assert.deepEqual(await ctx.store.listTags("Document", "doc-1"), [{ Key: "k", Value: "last" }]);
    });

    it("keeps resource types and ids apart", async () => {
      await ctx.store.putTags("Document", "x", [{ Key: "k", Value: "doc" }]);
      await ctx.store.putTags("ManagedInstance", "x", [{ Key: "k", Value: "node" }]);
      await ctx.store.putTags("ManagedInstance", "y", [{ Key: "k", Value: "other" }]);
      assert.deepEqual(await ctx.store.listTags("Document", "x"), [{ Key: "k", Value: "doc" }]);
      assert.deepEqual(await ctx.store.listTags("ManagedInstance", "x"), [{ Key: "k", Value: "node" }]);
      assert.deepEqual(await ctx.store.listTags("Document", "none"), []);
    });

    it("removes only the named keys of that resource", async () => {
      await ctx.store.putTags("Document", "x", [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "2" },
        { Key: "c", Value: "3" },
      ]);
      await ctx.store.putTags("Document", "y", [{ Key: "a", Value: "1" }]);
      await ctx.store.removeTags("Document", "x", ["a", "c", "missing"]);
      await ctx.store.removeTags("Document", "x", []);
      assert.deepEqual(await ctx.store.listTags("Document", "x"), [{ Key: "b", Value: "2" }]);
      assert.deepEqual(await ctx.store.listTags("Document", "y"), [{ Key: "a", Value: "1" }]);
    });

    it("finds registered nodes by tags: AND across selectors, OR within values, by id", async () => {
      await ctx.store.createActivation(anActivation({ registrationLimit: 10, tags: [] }));
      for (const n of [3, 1, 2, 4]) {
        assert.equal(await ctx.store.registerNode("act-1", "hash-1", aNode(nodeId(n)), T0), "registered");
      }
      await ctx.store.putTags("ManagedInstance", nodeId(3), [
        { Key: "env", Value: "prod" },
        { Key: "tier", Value: "web" },
      ]);
      await ctx.store.putTags("ManagedInstance", nodeId(1), [
        { Key: "env", Value: "prod" },
        { Key: "tier", Value: "db" },
      ]);
      await ctx.store.putTags("ManagedInstance", nodeId(2), [{ Key: "env", Value: "dev" }]);
      await ctx.store.putTags("ManagedInstance", "mi-unregistered0000", [{ Key: "env", Value: "prod" }]);
      await ctx.store.putTags("Document", nodeId(4), [{ Key: "env", Value: "prod" }]);
      const find = (s: Parameters<typeof ctx.store.findNodeIdsByTags>[0]) => ctx.store.findNodeIdsByTags(s);
      assert.deepEqual(await find([{ key: "env", values: ["prod"] }]), [nodeId(1), nodeId(3)]);
      assert.deepEqual(await find([{ key: "env", values: ["prod", "dev"] }]), [nodeId(1), nodeId(2), nodeId(3)]);
      assert.deepEqual(await find([{ key: "env" }]), [nodeId(1), nodeId(2), nodeId(3)]);
      assert.deepEqual(
        await find([
          { key: "env", values: ["prod"] },
          { key: "tier", values: ["web"] },
        ]),
        [nodeId(3)],
      );
      assert.deepEqual(await find([{ key: "env", values: ["dev"] }, { key: "tier" }]), []);
      assert.deepEqual(await find([{ key: "env", values: [] }]), []);
      assert.deepEqual(await find([]), []);
    });
  });
}
