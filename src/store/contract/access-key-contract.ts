import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { T0 } from "./fixtures.ts";
import { aKey, aUser } from "./identity-fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** IAM users and their access keys, and migrate's idempotence. */
export function accessKeyContract(ctx: StoreContext): void {
  describe("IAM users and access keys", () => {
    it("reads back a user unchanged, refuses a second of the same name and lists users by name", async () => {
      assert.equal(await ctx.store.createUser(aUser("bob")), true);
      assert.equal(await ctx.store.createUser(aUser("bob", { userId: "AIDAOTHER" })), false);
      await ctx.store.createUser(aUser("Alice", { path: "/ops/", userId: "AIDAUPPERCASEALICE1" }));
      await ctx.store.createUser(aUser("alice"));
      assert.deepEqual(await ctx.store.getUser("bob"), aUser("bob"));
      assert.equal(await ctx.store.getUser("nobody"), undefined);
      assert.deepEqual(
        (await ctx.store.listUsers()).map((u) => u.userName),
        ["Alice", "alice", "bob"],
      );
      assert.deepEqual(
        (await ctx.store.listUsers("/ops/")).map((u) => u.userName),
        ["Alice"],
      );
    });

    it("reads back a key unchanged, lists a user's keys oldest first and knows nothing of other ids", async () => {
      await ctx.store.createUser(aUser("bob"));
      assert.equal(await ctx.store.createAccessKey(aKey("AKFRB", "bob", { createdAt: T0 + 1 }), 2), "created");
      assert.equal(await ctx.store.createAccessKey(aKey("AKFRA", "bob", { createdAt: T0 + 2 }), 2), "created");
      assert.deepEqual(await ctx.store.getAccessKey("AKFRB"), aKey("AKFRB", "bob", { createdAt: T0 + 1 }));
      assert.equal(await ctx.store.getAccessKey("AKFROTHER"), undefined);
      assert.deepEqual(
        (await ctx.store.listAccessKeys("bob")).map((k) => k.accessKeyId),
        ["AKFRB", "AKFRA"],
      );
    });

    it("refuses a key beyond the per-user quota and a key for an unknown user", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      await ctx.store.createAccessKey(aKey("AKFR2", "bob"), 2);
      assert.equal(await ctx.store.createAccessKey(aKey("AKFR3", "bob"), 2), "limit-exceeded");
      assert.equal(await ctx.store.createAccessKey(aKey("AKFR4", "ghost"), 2), "no-user");
      assert.equal(await ctx.store.getAccessKey("AKFR3"), undefined);
      assert.equal(await ctx.store.getAccessKey("AKFR4"), undefined);
    });

    it("deactivates, records use of and deletes a key only under its own user", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createUser(aUser("eve"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      assert.equal(await ctx.store.setAccessKeyStatus("eve", "AKFR1", "Inactive"), false);
      assert.equal(await ctx.store.setAccessKeyStatus("bob", "AKFR1", "Inactive"), true);
      await ctx.store.markAccessKeyUsed("AKFR1", T0 + 9);
      assert.deepEqual(
        await ctx.store.getAccessKey("AKFR1"),
        aKey("AKFR1", "bob", { status: "Inactive", lastUsedAt: T0 + 9 }),
      );
      assert.equal(await ctx.store.deleteAccessKey("eve", "AKFR1"), false);
      assert.equal(await ctx.store.deleteAccessKey("bob", "AKFR1"), true);
      assert.equal(await ctx.store.deleteAccessKey("bob", "AKFR1"), false);
      assert.equal(await ctx.store.getAccessKey("AKFR1"), undefined);
    });

    it("refuses to delete a user that still has an access key, then deletes it once the key is gone", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      assert.equal(await ctx.store.deleteUser("bob"), "has-access-keys");
      assert.ok(await ctx.store.getUser("bob"));
      await ctx.store.deleteAccessKey("bob", "AKFR1");
      assert.equal(await ctx.store.deleteUser("bob"), "deleted");
      assert.equal(await ctx.store.deleteUser("bob"), "not-found");
    });

    it("gives one of two concurrent key creations the last slot of the quota", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      const outcomes = await Promise.all([
        ctx.store.createAccessKey(aKey("AKFR2", "bob"), 2),
        ctx.store.createAccessKey(aKey("AKFR3", "bob"), 2),
      ]);
      assert.deepEqual([...outcomes].sort(), ["created", "limit-exceeded"]);
      assert.equal((await ctx.store.listAccessKeys("bob")).length, 2);
    });

    it("migrates again without error or data loss", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      await ctx.store.migrate();
      assert.deepEqual(await ctx.store.getAccessKey("AKFR1"), aKey("AKFR1", "bob"));
    });

    it("has no legacy plaintext keys in a fresh store", async () => {
      assert.deepEqual(await ctx.store.legacyAccessKeys(), []);
    });
  });
}
