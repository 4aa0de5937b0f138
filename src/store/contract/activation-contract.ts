import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anActivation, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** createActivation / getActivation / listActivations / deleteActivation. */
export function activationContract(ctx: StoreContext): void {
  describe("activations", () => {
    it("reads back a created activation unchanged, tags included", async () => {
      const activation = anActivation({ registrationsCount: 3 });
      await ctx.store.createActivation(activation);
      assert.deepEqual(await ctx.store.getActivation("act-1"), activation);
      assert.equal(await ctx.store.getActivation("act-none"), undefined);
    });

    it("lists newest first, ties by id, in pages that say whether more follow", async () => {
      await ctx.store.createActivation(anActivation({ activationId: "a", createdAt: T0 }));
      await ctx.store.createActivation(anActivation({ activationId: "c", createdAt: T0 + 1 }));
      await ctx.store.createActivation(anActivation({ activationId: "b", createdAt: T0 + 1 }));
      const first = await ctx.store.listActivations({}, { offset: 0, limit: 2 });
      assert.deepEqual(
        first.items.map((a) => a.activationId),
        ["b", "c"],
      );
      assert.equal(first.more, true);
      const second = await ctx.store.listActivations({}, { offset: 2, limit: 2 });
      assert.deepEqual(
        second.items.map((a) => a.activationId),
        ["a"],
      );
      assert.equal(second.more, false);
      assert.deepEqual(second.items[0], anActivation({ activationId: "a", createdAt: T0 }));
    });

    it("filters: values within a list OR, lists AND, an empty list matches nothing", async () => {
      await ctx.store.createActivation(anActivation({ activationId: "a", defaultInstanceName: "x", iamRole: "r1" }));
      await ctx.store.createActivation(anActivation({ activationId: "b", defaultInstanceName: "y", iamRole: "r1" }));
      await ctx.store.createActivation(anActivation({ activationId: "c", defaultInstanceName: "x", iamRole: "r2" }));
      const ids = async (filter: Parameters<typeof ctx.store.listActivations>[0]) =>
        (await ctx.store.listActivations(filter, { offset: 0, limit: 10 })).items.map((a) => a.activationId).sort();
      assert.deepEqual(await ids({ activationIds: ["a", "c", "zzz"] }), ["a", "c"]);
      assert.deepEqual(await ids({ defaultInstanceNames: ["x"] }), ["a", "c"]);
      assert.deepEqual(await ids({ iamRoles: ["r1"] }), ["a", "b"]);
      assert.deepEqual(await ids({ defaultInstanceNames: ["x"], iamRoles: ["r1"] }), ["a"]);
      assert.deepEqual(await ids({ activationIds: [] }), []);
    });

    it("deletes an activation once", async () => {
      await ctx.store.createActivation(anActivation());
      assert.equal(await ctx.store.deleteActivation("act-1"), true);
      assert.equal(await ctx.store.getActivation("act-1"), undefined);
      assert.equal(await ctx.store.deleteActivation("act-1"), false);
    });
  });
}
