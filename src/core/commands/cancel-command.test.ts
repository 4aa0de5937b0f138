import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import { SsmError } from "../../protocol/errors.ts";
import { randomIds } from "../../server/random-ids.ts";
import { aNode, anActivation, nodeId, T0 } from "../../store/contract/fixtures.ts";
import { openStore } from "../../store/open-store.ts";
import { DocumentService } from "../documents/document-service.ts";
import type { BusMessage } from "../ports/bus.ts";
import { Scheduler } from "../scheduler.ts";
import { cancelCommand } from "./cancel-command.ts";
import { recordResult } from "./record-result.ts";
import { sendCommand } from "./send-command.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `size` Linux nodes whose agents acknowledge what they are sent, a scheduler poked on every
 * `scheduler` bus signal (as the server wires it), and what each node was sent.
 */
async function openFleet(t: TestContext, size: number) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  await store.createActivation(anActivation({ registrationLimit: size, tags: [] }));
  const nodes = Array.from({ length: size }, (_, i) => nodeId(i + 1));
  for (const id of nodes) await store.registerNode("act-1", "hash-1", aNode(id), T0);
  const clock = { now: () => T0 };
  const bus = new MemoryBus();
  const scheduler = new Scheduler(store, bus, clock);
  bus.subscribe("scheduler", (m) => m.kind === "command-changed" && void scheduler.poke(m.commandId));
  const sent: Array<BusMessage & { to: string }> = [];
  const ack = async (commandId: string, id: string) => {
    await store.updateInvocation(commandId, id, { deliveredAt: T0, updatedAt: T0 }, { unlessTerminal: true });
    await bus.publish("scheduler", { kind: "command-changed", commandId });
  };
  for (const id of nodes) {
    bus.subscribe(`node.${id}`, (m) => {
      sent.push({ ...m, to: id });
      if (m.kind === "deliver") void ack(m.commandId, id);
    });
  }
  const deps = { store, bus, clock };
  const documents = new DocumentService({ store, clock, accountId: "123456789012" });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await tick();
      await scheduler.idle();
    }
  };
  return {
    store,
    nodes,
    sent,
    settle,
    /** Sends `true` to every node and (unless told not to) lets the scheduler release what MaxConcurrency allows. */
    start: async (maxConcurrency: string, release = true) => {
      const { commandId } = await sendCommand(
        { store, documents, clock, ids: randomIds },
        {
          DocumentName: "AWS-RunShellScript",
          InstanceIds: nodes,
          Parameters: { commands: ["true"] },
          MaxConcurrency: maxConcurrency,
        },
        "AKIATEST",
      );
      if (release) await scheduler.poke(commandId);
      await settle();
      return commandId;
    },
    cancel: (commandId: string, ids?: string[]) =>
      scheduler.exclusive(commandId, () => cancelCommand(deps, commandId, ids)),
    finish: (commandId: string, id: string, status: "Success" | "Cancelled") =>
      recordResult(deps, id, { type: "result", commandId, status, responseCode: 0, endedAt: T0, plugins: [] }),
    details: async (commandId: string) =>
      (await store.listInvocations({ commandId }, { offset: 0, limit: 100 })).items
        .sort((a, b) => a.seq - b.seq)
        .map((i) => i.statusDetails),
    statusOf: async (commandId: string) => {
      const c = await store.getCommand(commandId);
      return [c?.status, c?.statusDetails];
    },
    cancels: () => sent.filter((m) => m.kind === "cancel"),
    deliveries: () => sent.filter((m) => m.kind === "deliver").map((m) => m.to),
  };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof SsmError && e.code === code);
}

test("cancelling a command nothing was sent for yet ends every invocation Cancelled at once, and the command Cancelled", async (t) => {
  const fleet = await openFleet(t, 3);
  const commandId = await fleet.start("1", false);
  await fleet.cancel(commandId, undefined);
  assert.deepEqual(await fleet.details(commandId), ["Cancelled", "Cancelled", "Cancelled"]);
  const queued = await fleet.store.getInvocation(commandId, fleet.nodes[1] ?? "");
  assert.deepEqual([queued?.status, queued?.endedAt], ["Cancelled", T0]);
  await fleet.settle();
  assert.deepEqual(await fleet.statusOf(commandId), ["Cancelled", "Cancelled"]);
  assert.deepEqual(fleet.sent, [], "no node is sent anything");
});

test("a released invocation moves to Cancelling and its node is told to cancel; its Cancelled result ends the command Cancelled", async (t) => {
  const fleet = await openFleet(t, 2);
  const [running = "", queued = ""] = fleet.nodes;
  const commandId = await fleet.start("1");
  await fleet.cancel(commandId, undefined);
  await fleet.settle();
  assert.deepEqual(await fleet.details(commandId), ["Cancelling", "Cancelled"]);
  assert.deepEqual(await fleet.statusOf(commandId), ["Cancelling", "Cancelling"]);
  assert.deepEqual(fleet.cancels(), [{ kind: "cancel", commandId, instanceId: running, to: running }]);

  await fleet.finish(commandId, running, "Cancelled");
  await fleet.settle();
  assert.deepEqual(await fleet.details(commandId), ["Cancelled", "Cancelled"]);
  assert.deepEqual(await fleet.statusOf(commandId), ["Cancelled", "Cancelled"]);
  assert.ok(!fleet.deliveries().includes(queued));
});

test("cancelling some instances leaves the others running and releasing, and the command not Cancelling", async (t) => {
  const fleet = await openFleet(t, 4);
  const [kept = "", cancelledRunning = "", waiting = "", cancelledQueued = ""] = fleet.nodes;
  const commandId = await fleet.start("2");
  await fleet.cancel(commandId, [cancelledRunning, cancelledQueued]);
  await fleet.settle();
  assert.deepEqual(await fleet.details(commandId), ["InProgress", "Cancelling", "Pending", "Cancelled"]);
  assert.deepEqual(await fleet.statusOf(commandId), ["InProgress", "InProgress"]);
  assert.deepEqual(
    fleet.cancels().map((m) => m.to),
    [cancelledRunning],
  );

  await fleet.finish(commandId, kept, "Success");
  await fleet.settle();
  assert.ok(fleet.deliveries().includes(waiting), "the freed slot goes to the next queued node");
});

test("a finished invocation stays finished and its node gets no cancel; a finished command keeps its status", async (t) => {
  const fleet = await openFleet(t, 2);
  const [done = "", running = ""] = fleet.nodes;
  const commandId = await fleet.start("2");
  await fleet.finish(commandId, done, "Success");
  await fleet.cancel(commandId, undefined);
  assert.deepEqual(await fleet.details(commandId), ["Success", "Cancelling"]);
  assert.deepEqual(
    fleet.cancels().map((m) => m.to),
    [running],
  );

  await fleet.finish(commandId, running, "Success");
  await fleet.settle();
  assert.deepEqual(await fleet.statusOf(commandId), ["Success", "Success"], "the agent could not cancel in time");
  // A bus nobody listens on: no scheduler pass may repair what the cancel itself wrote.
  await cancelCommand({ store: fleet.store, bus: new MemoryBus(), clock: { now: () => T0 } }, commandId, undefined);
  assert.deepEqual(await fleet.statusOf(commandId), ["Success", "Success"]);
});

test("an unknown command is InvalidCommandId", async (t) => {
  const fleet = await openFleet(t, 1);
  await rejectsWith(fleet.cancel("00000000-0000-4000-8000-000000000000", undefined), "InvalidCommandId");
});

test("an instance the command was not sent to is InvalidInstanceId, and nothing is cancelled", async (t) => {
  const fleet = await openFleet(t, 2);
  const commandId = await fleet.start("2");
  await rejectsWith(fleet.cancel(commandId, [fleet.nodes[0] ?? "", nodeId(99)]), "InvalidInstanceId");
  assert.deepEqual(await fleet.details(commandId), ["InProgress", "InProgress"]);
  assert.deepEqual(fleet.cancels(), []);
});

test("an instance listed twice is DuplicateInstanceId, and nothing is cancelled", async (t) => {
  const fleet = await openFleet(t, 2);
  const commandId = await fleet.start("2");
  const id = fleet.nodes[0] ?? "";
  await rejectsWith(fleet.cancel(commandId, [id, id]), "DuplicateInstanceId");
  assert.deepEqual(await fleet.details(commandId), ["InProgress", "InProgress"]);
  assert.deepEqual(await fleet.statusOf(commandId), ["InProgress", "InProgress"]);
});
