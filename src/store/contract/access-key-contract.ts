import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AccessKeyRecord } from "../../core/model.ts";
import { T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** putAccessKey / getAccessKey, and migrate's idempotence. */
export function accessKeyContract(ctx: StoreContext): void {
  describe("access keys", () => {
    const key: AccessKeyRecord = {
      accessKeyId: "AKIAEXAMPLE",
      secretAccessKey: "c2VjcmV0",
      userName: "admin",
      createdAt: T0,
    };

    it("reads back a written key unchanged and knows nothing of other ids", async () => {
      await ctx.store.putAccessKey(key);
      assert.deepEqual(await ctx.store.getAccessKey("AKIAEXAMPLE"), key);
      assert.equal(await ctx.store.getAccessKey("AKIAOTHER"), undefined);
    });

    it("overwrites a key written again under the same id", async () => {
      await ctx.store.putAccessKey(key);
      const rotated = { ...key, secretAccessKey: "bmV3", createdAt: T0 + 5 };
      await ctx.store.putAccessKey(rotated);
      assert.deepEqual(await ctx.store.getAccessKey("AKIAEXAMPLE"), rotated);
    });

    it("migrates again without error or data loss", async () => {
      await ctx.store.putAccessKey(key);
      await ctx.store.migrate();
      assert.deepEqual(await ctx.store.getAccessKey("AKIAEXAMPLE"), key);
    });
  });
}
