import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PrincipalRef } from "../../core/identity/identity-records.ts";
import { aGroup, aKey, aPolicy, aUser, DOC } from "./identity-fixtures.ts";
import type { StoreContext } from "./store-context.ts";

const bob: PrincipalRef = { kind: "user", name: "bob" };
const ops: PrincipalRef = { kind: "group", name: "ops" };

/** IAM groups, memberships, inline policies, managed policies, attachments and delete conflicts. */
export function identityPolicyContract(ctx: StoreContext): void {
  describe("IAM groups and policies", () => {
    it("creates groups once, adds and removes members idempotently, and lists both directions", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createUser(aUser("amy"));
      assert.equal(await ctx.store.createGroup(aGroup("ops")), true);
      assert.equal(await ctx.store.createGroup(aGroup("ops", { groupId: "AGPAOTHER" })), false);
      await ctx.store.createGroup(aGroup("dev", { path: "/eng/" }));
      assert.deepEqual(await ctx.store.getGroup("ops"), aGroup("ops"));
      assert.deepEqual(
        (await ctx.store.listGroups("/eng/")).map((g) => g.groupName),
        ["dev"],
      );
      assert.equal(await ctx.store.addUserToGroup("ops", "bob"), "done");
      assert.equal(await ctx.store.addUserToGroup("ops", "bob"), "done");
      assert.equal(await ctx.store.addUserToGroup("ops", "amy"), "done");
      assert.equal(await ctx.store.addUserToGroup("dev", "bob"), "done");
      assert.equal(await ctx.store.addUserToGroup("ops", "ghost"), "no-user");
      assert.equal(await ctx.store.addUserToGroup("ghosts", "bob"), "no-group");
      assert.deepEqual(
        (await ctx.store.listGroupMembers("ops")).map((u) => u.userName),
        ["amy", "bob"],
      );
      assert.deepEqual(
        (await ctx.store.listGroupsForUser("bob")).map((g) => g.groupName),
        ["dev", "ops"],
      );
      assert.equal(await ctx.store.removeUserFromGroup("ops", "bob"), "done");
      assert.deepEqual(
        (await ctx.store.listGroupsForUser("bob")).map((g) => g.groupName),
        ["dev"],
      );
    });

    it("puts, replaces, lists and deletes inline policies of users and groups apart", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createGroup(aGroup("ops"));
      assert.equal(await ctx.store.putInlinePolicy(bob, { policyName: "read", document: "v1" }), true);
      assert.equal(await ctx.store.putInlinePolicy(bob, { policyName: "read", document: DOC }), true);
      assert.equal(await ctx.store.putInlinePolicy(bob, { policyName: "Admin", document: "x" }), true);
      assert.equal(await ctx.store.putInlinePolicy(ops, { policyName: "read", document: "group" }), true);
      assert.equal(
        await ctx.store.putInlinePolicy({ kind: "user", name: "ghost" }, { policyName: "p", document: "x" }),
        false,
      );
      assert.deepEqual(await ctx.store.getInlinePolicy(bob, "read"), { policyName: "read", document: DOC });
      assert.deepEqual(await ctx.store.getInlinePolicy(ops, "read"), { policyName: "read", document: "group" });
      assert.deepEqual(
        (await ctx.store.listInlinePolicies(bob)).map((p) => p.policyName),
        ["Admin", "read"],
      );
      assert.equal(await ctx.store.deleteInlinePolicy(bob, "read"), true);
      assert.equal(await ctx.store.deleteInlinePolicy(bob, "read"), false);
      assert.equal(await ctx.store.getInlinePolicy(bob, "read"), undefined);
      assert.deepEqual(await ctx.store.getInlinePolicy(ops, "read"), { policyName: "read", document: "group" });
    });

    it("keeps managed policies by ARN with unique names, and counts attachments", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createGroup(aGroup("ops"));
      const p = aPolicy("SsmAll", { tags: [{ Key: "k", Value: "v" }], description: "all of SSM" });
      assert.equal(await ctx.store.createManagedPolicy(p), true);
      assert.equal(
        await ctx.store.createManagedPolicy(aPolicy("SsmAll", { arn: "arn:aws:iam::123456789012:policy/x/SsmAll" })),
        false,
      );
      assert.deepEqual(await ctx.store.getManagedPolicy(p.arn), p);
      const aws = "arn:aws:iam::aws:policy/AdministratorAccess";
      assert.equal(await ctx.store.attachPolicy(bob, p.arn), true);
      assert.equal(await ctx.store.attachPolicy(bob, p.arn), true);
      assert.equal(await ctx.store.attachPolicy(ops, p.arn), true);
      assert.equal(await ctx.store.attachPolicy(bob, aws), true);
      assert.equal(await ctx.store.attachPolicy({ kind: "group", name: "ghosts" }, aws), false);
      assert.deepEqual(await ctx.store.listAttachedPolicies(bob), [p.arn, aws].sort());
      assert.deepEqual(
        await ctx.store.attachmentCounts(),
        new Map([
          [p.arn, 2],
          [aws, 1],
        ]),
      );
      assert.equal(await ctx.store.deleteManagedPolicy(p.arn), "has-attached-policies");
      assert.equal(await ctx.store.detachPolicy(bob, p.arn), true);
      assert.equal(await ctx.store.detachPolicy(bob, p.arn), false);
      assert.equal(await ctx.store.detachPolicy(ops, p.arn), true);
      assert.equal(await ctx.store.deleteManagedPolicy(p.arn), "deleted");
      assert.equal(await ctx.store.deleteManagedPolicy(p.arn), "not-found");
      assert.deepEqual(await ctx.store.listManagedPolicies(), []);
    });

    it("refuses to delete a user while policies, attachments or groups remain, in IAM's order", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createGroup(aGroup("ops"));
      await ctx.store.createAccessKey(aKey("AKFR1", "bob"), 2);
      await ctx.store.putInlinePolicy(bob, { policyName: "p", document: DOC });
      await ctx.store.attachPolicy(bob, "arn:aws:iam::aws:policy/ReadOnlyAccess");
      await ctx.store.addUserToGroup("ops", "bob");
      const steps: Array<[string, () => Promise<unknown>]> = [
        ["has-access-keys", () => ctx.store.deleteAccessKey("bob", "AKFR1")],
        ["has-inline-policies", () => ctx.store.deleteInlinePolicy(bob, "p")],
        ["has-attached-policies", () => ctx.store.detachPolicy(bob, "arn:aws:iam::aws:policy/ReadOnlyAccess")],
        ["has-groups", () => ctx.store.removeUserFromGroup("ops", "bob")],
      ];
      for (const [conflict, resolve] of steps) {
        assert.equal(await ctx.store.deleteUser("bob"), conflict);
        await resolve();
      }
      assert.equal(await ctx.store.deleteUser("bob"), "deleted");
      assert.equal(await ctx.store.getUser("bob"), undefined);
    });

    it("refuses to delete a group while members, policies or attachments remain", async () => {
      await ctx.store.createUser(aUser("bob"));
      await ctx.store.createGroup(aGroup("ops"));
      await ctx.store.addUserToGroup("ops", "bob");
      await ctx.store.putInlinePolicy(ops, { policyName: "p", document: DOC });
      await ctx.store.attachPolicy(ops, "arn:aws:iam::aws:policy/ReadOnlyAccess");
      assert.equal(await ctx.store.deleteGroup("ops"), "has-members");
      await ctx.store.removeUserFromGroup("ops", "bob");
      assert.equal(await ctx.store.deleteGroup("ops"), "has-inline-policies");
      await ctx.store.deleteInlinePolicy(ops, "p");
      assert.equal(await ctx.store.deleteGroup("ops"), "has-attached-policies");
      await ctx.store.detachPolicy(ops, "arn:aws:iam::aws:policy/ReadOnlyAccess");
      assert.equal(await ctx.store.deleteGroup("ops"), "deleted");
      assert.equal(await ctx.store.deleteGroup("ops"), "not-found");
      assert.ok(await ctx.store.getUser("bob"));
    });
  });
}
