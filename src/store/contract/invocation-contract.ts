import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InvocationFilter } from "../../core/ports/store.ts";
import { aCommand, anInvocation, aPluginResult, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** getInvocation / listInvocations / countInvocations / updateInvocation. */
export function invocationContract(ctx: StoreContext): void {
  async function keys(filter: InvocationFilter): Promise<string[]> {
    const page = await ctx.store.listInvocations(filter, { offset: 0, limit: 50 });
    return page.items.map((i) => `${i.commandId}/${i.seq}`);
  }

  describe("invocations", () => {
    it("reads back an invocation unchanged, optional fields present or absent", async () => {
      const full = anInvocation("cmd-1", nodeId(1), 0, {
        status: "Success",
        statusDetails: "Success",
        releasedAt: T0 + 1,
        deliveredAt: T0 + 2,
        startedAt: T0 + 3,
        endedAt: T0 + 4,
        responseCode: 0,
        stdout: "héllo\n",
        stderr: "warn\n",
        plugins: [aPluginResult(), aPluginResult({ name: "second", status: "Pending", responseCode: -1 })],
        cancelRequested: true,
        updatedAt: T0 + 5,
      });
      const queued = anInvocation("cmd-1", nodeId(2), 1);
      await ctx.store.createCommand(aCommand("cmd-1"), [full, queued]);
      assert.deepEqual(await ctx.store.getInvocation("cmd-1", nodeId(1)), full);
      const back = await ctx.store.getInvocation("cmd-1", nodeId(2));
      assert.deepEqual(back, queued);
      assert.deepEqual(Object.keys(back ?? {}).sort(), Object.keys(queued).sort());
      assert.equal(await ctx.store.getInvocation("cmd-1", nodeId(3)), undefined);
    });

    it("lists newest first, then by command id, then seq, with filters", async () => {
      await ctx.store.createCommand(aCommand("old", { requestedAt: T0, documentName: "Old" }), [
        anInvocation("old", nodeId(2), 1, { requestedAt: T0 }),
        anInvocation("old", nodeId(1), 0, { requestedAt: T0, status: "Success", statusDetails: "Success" }),
      ]);
      await ctx.store.createCommand(aCommand("new-b", { requestedAt: T0 + 5 }), [
        anInvocation("new-b", nodeId(1), 0, { requestedAt: T0 + 5 }),
      ]);
      await ctx.store.createCommand(aCommand("new-a", { requestedAt: T0 + 5 }), [
        anInvocation("new-a", nodeId(3), 0, { requestedAt: T0 + 5, status: "Failed", statusDetails: "Undeliverable" }),
      ]);
      assert.deepEqual(await keys({}), ["new-a/0", "new-b/0", "old/0", "old/1"]);
      assert.deepEqual(await keys({ commandId: "old" }), ["old/0", "old/1"]);
      assert.deepEqual(await keys({ instanceId: nodeId(1) }), ["new-b/0", "old/0"]);
      assert.deepEqual(await keys({ statuses: ["Success", "Failed"] }), ["new-a/0", "old/0"]);
      assert.deepEqual(await keys({ statusDetails: ["Undeliverable"] }), ["new-a/0"]);
      assert.deepEqual(await keys({ documentName: "Old" }), ["old/0", "old/1"]);
      assert.deepEqual(await keys({ invokedAfter: T0 + 5 }), ["new-a/0", "new-b/0"]);
      assert.deepEqual(await keys({ invokedBefore: T0 }), ["old/0", "old/1"]);
      assert.deepEqual(await keys({ commandId: "old", instanceId: nodeId(2) }), ["old/1"]);
      const page = await ctx.store.listInvocations({}, { offset: 1, limit: 2 });
      assert.deepEqual(
        page.items.map((i) => `${i.commandId}/${i.seq}`),
        ["new-b/0", "old/0"],
      );
      assert.equal(page.more, true);
    });

    it("counts a command's invocations per StatusDetails, leaving absent ones out", async () => {
      await ctx.store.createCommand(aCommand("cmd-1"), [
        anInvocation("cmd-1", nodeId(1), 0),
        anInvocation("cmd-1", nodeId(2), 1, { status: "Success", statusDetails: "Success" }),
        anInvocation("cmd-1", nodeId(3), 2, { status: "Success", statusDetails: "Success" }),
        anInvocation("cmd-1", nodeId(4), 3, { status: "TimedOut", statusDetails: "DeliveryTimedOut" }),
      ]);
      await ctx.store.createCommand(aCommand("cmd-2"), [anInvocation("cmd-2", nodeId(1), 0)]);
      assert.deepEqual(await ctx.store.countInvocations("cmd-1"), { Pending: 1, Success: 2, DeliveryTimedOut: 1 });
      assert.deepEqual(await ctx.store.countInvocations("cmd-none"), {});
    });

    it("updates one invocation's given fields, plugins included", async () => {
      await ctx.store.createCommand(aCommand("cmd-1"), [
        anInvocation("cmd-1", nodeId(1), 0),
        anInvocation("cmd-1", nodeId(2), 1),
      ]);
      const patch = {
        status: "Success",
        statusDetails: "Success",
        deliveredAt: T0 + 1,
        endedAt: T0 + 9,
        responseCode: 0,
        stdout: "done",
        plugins: [aPluginResult()],
        updatedAt: T0 + 9,
      } as const;
      assert.equal(
        await ctx.store.updateInvocation("cmd-1", nodeId(1), { ...patch, plugins: [aPluginResult()] }),
        true,
      );
      assert.deepEqual(
        await ctx.store.getInvocation("cmd-1", nodeId(1)),
        anInvocation("cmd-1", nodeId(1), 0, { ...patch, plugins: [aPluginResult()] }),
      );
      assert.deepEqual(await ctx.store.getInvocation("cmd-1", nodeId(2)), anInvocation("cmd-1", nodeId(2), 1));
      assert.equal(await ctx.store.updateInvocation("cmd-1", nodeId(9), { stdout: "x" }), false);
    });

    it("with unlessTerminal, leaves terminal invocations alone and updates the rest", async () => {
      await ctx.store.createCommand(aCommand("cmd-1"), [
        anInvocation("cmd-1", nodeId(1), 0, { status: "Cancelled", statusDetails: "Cancelled" }),
        anInvocation("cmd-1", nodeId(2), 1, { status: "InProgress", statusDetails: "InProgress" }),
        anInvocation("cmd-1", nodeId(3), 2, { status: "Failed", statusDetails: "Terminated" }),
      ]);
      const late = { status: "Success", statusDetails: "Success", updatedAt: T0 + 9 } as const;
      assert.equal(await ctx.store.updateInvocation("cmd-1", nodeId(1), late, { unlessTerminal: true }), false);
      assert.equal(await ctx.store.updateInvocation("cmd-1", nodeId(3), late, { unlessTerminal: true }), false);
      assert.equal(await ctx.store.updateInvocation("cmd-1", nodeId(2), late, { unlessTerminal: true }), true);
      assert.equal((await ctx.store.getInvocation("cmd-1", nodeId(1)))?.statusDetails, "Cancelled");
      assert.equal((await ctx.store.getInvocation("cmd-1", nodeId(2)))?.statusDetails, "Success");
      assert.equal(await ctx.store.updateInvocation("cmd-1", nodeId(1), { stdout: "forced" }), true);
      assert.equal((await ctx.store.getInvocation("cmd-1", nodeId(1)))?.stdout, "forced");
    });
  });
}
