import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InvocationRecord } from "../../core/model.ts";
import { aCommand, anInvocation, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** releaseInvocations / transitionInvocations / deliverableFor. */
export function releaseContract(ctx: StoreContext): void {
  const seqs = (rows: InvocationRecord[]) => rows.map((r) => r.seq);

  /** A command whose invocations are queued at seq 0..n-1, written in reverse to prove ordering. */
  async function queue(commandId: string, n: number, requestedAt = T0): Promise<void> {
    const rows = Array.from({ length: n }, (_, i) => anInvocation(commandId, nodeId(i), i, { requestedAt }));
    await ctx.store.createCommand(aCommand(commandId, { requestedAt }), rows.reverse());
  }

  describe("release and transitions", () => {
    it("releases the lowest seqs first, marks them InProgress and returns them", async () => {
      await queue("cmd-1", 5);
      const released = await ctx.store.releaseInvocations("cmd-1", 2, T0 + 50);
      assert.deepEqual(seqs(released), [0, 1]);
      assert.deepEqual(
        released[0],
        anInvocation("cmd-1", nodeId(0), 0, {
          status: "InProgress",
          statusDetails: "InProgress",
          releasedAt: T0 + 50,
          updatedAt: T0 + 50,
        }),
      );
      assert.deepEqual(await ctx.store.getInvocation("cmd-1", nodeId(1)), released[1]);
      assert.deepEqual(await ctx.store.countInvocations("cmd-1"), { InProgress: 2, Pending: 3 });
    });

    it("never releases the same invocation twice, and skips ones no longer Pending", async () => {
      await queue("cmd-1", 6);
      await ctx.store.updateInvocation("cmd-1", nodeId(2), { status: "Cancelled", statusDetails: "Cancelled" });
      assert.deepEqual(seqs(await ctx.store.releaseInvocations("cmd-1", 2, T0 + 1)), [0, 1]);
      assert.deepEqual(seqs(await ctx.store.releaseInvocations("cmd-1", 2, T0 + 2)), [3, 4]);
      assert.deepEqual(seqs(await ctx.store.releaseInvocations("cmd-1", 10, T0 + 3)), [5]);
      assert.deepEqual(await ctx.store.releaseInvocations("cmd-1", 10, T0 + 4), []);
      assert.deepEqual(await ctx.store.releaseInvocations("cmd-1", 0, T0 + 4), []);
      assert.equal((await ctx.store.getInvocation("cmd-1", nodeId(0)))?.releasedAt, T0 + 1);
    });

    it("gives concurrent releases disjoint invocations", async () => {
      await queue("cmd-1", 12);
      const batches = await Promise.all([1, 2, 3, 4, 5].map((n) => ctx.store.releaseInvocations("cmd-1", 3, T0 + n)));
      const all = batches.flatMap(seqs).sort((a, b) => a - b);
      assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it("reports release progress: released, and acknowledged or finished", async () => {
      await queue("cmd-1", 5);
      assert.deepEqual(await ctx.store.releaseProgress("cmd-1"), { released: 0, acknowledged: 0 });
      await ctx.store.releaseInvocations("cmd-1", 3, T0 + 1);
      await ctx.store.updateInvocation("cmd-1", nodeId(0), { deliveredAt: T0 + 2 });
      await ctx.store.updateInvocation("cmd-1", nodeId(1), { status: "TimedOut", statusDetails: "DeliveryTimedOut" });
      await ctx.store.updateInvocation("cmd-1", nodeId(4), { status: "Cancelled", statusDetails: "Cancelled" });
      assert.deepEqual(await ctx.store.releaseProgress("cmd-1"), { released: 3, acknowledged: 2 });
    });

    it("releases only within the given command", async () => {
      await queue("cmd-1", 2);
      await queue("cmd-2", 2);
      await ctx.store.releaseInvocations("cmd-1", 5, T0 + 1);
      assert.deepEqual(await ctx.store.countInvocations("cmd-2"), { Pending: 2 });
    });

    it("transitions by details and released: queued ones end Terminated, released ones stay", async () => {
      await queue("cmd-1", 4);
      await ctx.store.releaseInvocations("cmd-1", 2, T0 + 1);
      const to = { status: "Failed", statusDetails: "Terminated", endedAt: T0 + 9, updatedAt: T0 + 9 } as const;
      const moved = await ctx.store.transitionInvocations(
        { commandId: "cmd-1", details: ["Pending"], released: false },
        to,
      );
      assert.deepEqual(seqs(moved), [2, 3]);
      assert.deepEqual(moved[0], anInvocation("cmd-1", nodeId(2), 2, to));
      assert.deepEqual(await ctx.store.countInvocations("cmd-1"), { InProgress: 2, Terminated: 2 });
      const none = await ctx.store.transitionInvocations({ commandId: "cmd-1", details: ["Pending"] }, to);
      assert.deepEqual(none, []);
    });

    it("transitions by delivered: undelivered released ones time out, delivered ones get cancel requested", async () => {
      await queue("cmd-1", 3);
      await ctx.store.releaseInvocations("cmd-1", 3, T0 + 1);
      await ctx.store.updateInvocation("cmd-1", nodeId(1), { deliveredAt: T0 + 2 });
      const timedOut = await ctx.store.transitionInvocations(
        { commandId: "cmd-1", details: ["InProgress"], released: true, delivered: false },
        { status: "TimedOut", statusDetails: "DeliveryTimedOut", endedAt: T0 + 8, updatedAt: T0 + 8 },
      );
      assert.deepEqual(seqs(timedOut), [0, 2]);
      const cancelling = await ctx.store.transitionInvocations(
        { commandId: "cmd-1", details: ["InProgress", "Pending"], delivered: true },
        { status: "Cancelling", statusDetails: "Cancelling", cancelRequested: true, updatedAt: T0 + 9 },
      );
      assert.deepEqual(cancelling, [
        anInvocation("cmd-1", nodeId(1), 1, {
          status: "Cancelling",
          statusDetails: "Cancelling",
          releasedAt: T0 + 1,
          deliveredAt: T0 + 2,
          cancelRequested: true,
          updatedAt: T0 + 9,
        }),
      ]);
    });

    it("transitions only the listed instances, and none for an empty list or no details", async () => {
      await queue("cmd-1", 4);
      const to = { status: "Cancelled", statusDetails: "Cancelled", updatedAt: T0 + 9 } as const;
      const sel = { commandId: "cmd-1", details: ["Pending" as const] };
      assert.deepEqual(
        seqs(await ctx.store.transitionInvocations({ ...sel, instanceIds: [nodeId(3), nodeId(1)] }, to)),
        [1, 3],
      );
      assert.deepEqual(await ctx.store.transitionInvocations({ ...sel, instanceIds: [] }, to), []);
      assert.deepEqual(await ctx.store.transitionInvocations({ commandId: "cmd-1", details: [] }, to), []);
      assert.deepEqual(await ctx.store.countInvocations("cmd-1"), { Pending: 2, Cancelled: 2 });
    });

    it("delivers a node's released InProgress and Cancelling invocations, oldest release first", async () => {
      await queue("old", 2, T0);
      await queue("new", 2, T0 + 10);
      await queue("done", 1, T0 + 20);
      await queue("queued", 1, T0 + 30);
      await ctx.store.releaseInvocations("new", 2, T0 + 40);
      await ctx.store.releaseInvocations("old", 2, T0 + 41);
      await ctx.store.releaseInvocations("done", 1, T0 + 42);
      await ctx.store.updateInvocation("old", nodeId(0), { status: "Cancelling", statusDetails: "Cancelling" });
      await ctx.store.updateInvocation("done", nodeId(0), { status: "Success", statusDetails: "Success" });
      // Cancelling but never released: there is nothing on the node to cancel.
      await ctx.store.updateInvocation("queued", nodeId(0), { status: "Cancelling", statusDetails: "Cancelling" });
      const deliverable = await ctx.store.deliverableFor(nodeId(0));
      assert.deepEqual(
        deliverable.map((i) => [i.commandId, i.statusDetails]),
        [
          ["new", "InProgress"],
          ["old", "Cancelling"],
        ],
      );
      assert.deepEqual(
        (await ctx.store.deliverableFor(nodeId(1))).map((i) => i.commandId),
        ["new", "old"],
      );
      assert.deepEqual(await ctx.store.deliverableFor(nodeId(7)), []);
    });
  });
}
