import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CommandFilter } from "../../core/ports/store.ts";
import { aCommand, anInvocation, nodeId, T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** createCommand (bulk, atomic, concurrent) / getCommand / listCommands / updateCommand / listActiveCommandIds. */
export function commandContract(ctx: StoreContext): void {
  async function ids(filter: CommandFilter): Promise<string[]> {
    return (await ctx.store.listCommands(filter, { offset: 0, limit: 50 })).items.map((c) => c.commandId);
  }

  describe("commands", () => {
    it("reads back a command unchanged, every JSON field included", async () => {
      const command = aCommand("cmd-1");
      await ctx.store.createCommand(command, []);
      assert.deepEqual(await ctx.store.getCommand("cmd-1"), command);
      assert.equal(await ctx.store.getCommand("cmd-none"), undefined);
    });

    it("writes 2,000 invocations in one call, every one readable", async () => {
      const invocations = Array.from({ length: 2000 }, (_, i) => anInvocation("big", nodeId(i), i));
      await ctx.store.createCommand(aCommand("big", { targetCount: 2000 }), invocations);
      assert.deepEqual(await ctx.store.countInvocations("big"), { Pending: 2000 });
      assert.deepEqual(await ctx.store.getInvocation("big", nodeId(1999)), invocations[1999]);
      const page = await ctx.store.listInvocations({ commandId: "big" }, { offset: 1990, limit: 50 });
      assert.deepEqual(
        page.items.map((i) => i.seq),
        [1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999],
      );
      assert.equal(page.more, false);
    });

    it("writes nothing when one invocation cannot be written", async () => {
      const duplicate = [anInvocation("bad", nodeId(1), 0), anInvocation("bad", nodeId(1), 1)];
      await assert.rejects(ctx.store.createCommand(aCommand("bad"), duplicate));
      assert.equal(await ctx.store.getCommand("bad"), undefined);
      assert.deepEqual(await ctx.store.countInvocations("bad"), {});
    });

    it("creates commands concurrently without transaction errors", async () => {
      await Promise.all(
        Array.from({ length: 6 }, (_, c) =>
          ctx.store.createCommand(
            aCommand(`c${c}`),
            Array.from({ length: 600 }, (_, i) => anInvocation(`c${c}`, nodeId(i), i)),
          ),
        ),
      );
      for (let c = 0; c < 6; c++) assert.deepEqual(await ctx.store.countInvocations(`c${c}`), { Pending: 600 });
    });

    it("lists newest first, ties by command id, in pages that say whether more follow", async () => {
      await ctx.store.createCommand(aCommand("a", { requestedAt: T0 }), []);
      await ctx.store.createCommand(aCommand("c", { requestedAt: T0 + 2 }), []);
      await ctx.store.createCommand(aCommand("b", { requestedAt: T0 + 2 }), []);
      await ctx.store.createCommand(aCommand("d", { requestedAt: T0 + 1 }), []);
      const first = await ctx.store.listCommands({}, { offset: 0, limit: 3 });
      assert.deepEqual(
        first.items.map((c) => c.commandId),
        ["b", "c", "d"],
      );
      assert.equal(first.more, true);
      const rest = await ctx.store.listCommands({}, { offset: 3, limit: 3 });
      assert.deepEqual(
        rest.items.map((c) => c.commandId),
        ["a"],
      );
      assert.equal(rest.more, false);
    });

    it("filters by id, node, status, details, document, inclusive time bounds and stage", async () => {
      await ctx.store.createCommand(aCommand("p", { requestedAt: T0, status: "Pending", statusDetails: "Pending" }), [
        anInvocation("p", nodeId(1), 0),
      ]);
      await ctx.store.createCommand(
        aCommand("i", { requestedAt: T0 + 10, status: "InProgress", statusDetails: "InProgress" }),
        [anInvocation("i", nodeId(2), 0)],
      );
      await ctx.store.createCommand(
        aCommand("s", { requestedAt: T0 + 20, status: "Success", statusDetails: "Success", documentName: "Doc" }),
        [anInvocation("s", nodeId(1), 0), anInvocation("s", nodeId(2), 1)],
      );
      await ctx.store.createCommand(
        aCommand("x", { requestedAt: T0 + 30, status: "Cancelling", statusDetails: "Cancelling" }),
        [],
      );
      await ctx.store.createCommand(
        aCommand("t", { requestedAt: T0 + 40, status: "TimedOut", statusDetails: "DeliveryTimedOut" }),
        [],
      );
      assert.deepEqual(await ids({ commandId: "i" }), ["i"]);
      assert.deepEqual(await ids({ instanceId: nodeId(1) }), ["s", "p"]);
      assert.deepEqual(await ids({ statuses: ["Success", "Pending"] }), ["s", "p"]);
      assert.deepEqual(await ids({ statusDetails: ["DeliveryTimedOut"] }), ["t"]);
      assert.deepEqual(await ids({ documentName: "Doc" }), ["s"]);
      assert.deepEqual(await ids({ invokedAfter: T0 + 10, invokedBefore: T0 + 30 }), ["x", "s", "i"]);
      assert.deepEqual(await ids({ executionStage: "Executing" }), ["x", "i", "p"]);
      assert.deepEqual(await ids({ executionStage: "Complete" }), ["t", "s"]);
      assert.deepEqual(await ids({ instanceId: nodeId(2), executionStage: "Complete" }), ["s"]);
      assert.deepEqual(await ids({ statuses: [] }), []);
    });

    it("patches only the given fields", async () => {
      await ctx.store.createCommand(aCommand("cmd-1"), []);
      await ctx.store.updateCommand("cmd-1", { status: "InProgress", statusDetails: "InProgress", targetCount: 3 });
      await ctx.store.updateCommand("cmd-1", { completedCount: 2, errorCount: 1, deliveryTimedOutCount: 1 });
      await ctx.store.updateCommand("cmd-none", { status: "Failed" });
      assert.deepEqual(
        await ctx.store.getCommand("cmd-1"),
        aCommand("cmd-1", {
          status: "InProgress",
          statusDetails: "InProgress",
          targetCount: 3,
          completedCount: 2,
          errorCount: 1,
          deliveryTimedOutCount: 1,
        }),
      );
    });

    it("lists the ids of commands still Pending, InProgress or Cancelling", async () => {
      const statuses = ["Pending", "InProgress", "Cancelling", "Success", "Failed", "Cancelled", "TimedOut"] as const;
      for (const [n, status] of statuses.entries()) {
        await ctx.store.createCommand(aCommand(status, { status, requestedAt: T0 + n }), []);
      }
      assert.deepEqual((await ctx.store.listActiveCommandIds()).sort(), ["Cancelling", "InProgress", "Pending"]);
      await ctx.store.updateCommand("Pending", { status: "Success" });
      assert.deepEqual((await ctx.store.listActiveCommandIds()).sort(), ["Cancelling", "InProgress"]);
    });
  });
}
