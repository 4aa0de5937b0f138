import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { MemoryBus } from "../bus/memory/memory-bus.ts";
import type { ResultMessage } from "../protocol/agent/messages.ts";
import { randomIds } from "../server/random-ids.ts";
import { aNode, anActivation, nodeId, T0 } from "../store/contract/fixtures.ts";
import { openStore } from "../store/open-store.ts";
import { cancelCommand } from "./commands/cancel-command.ts";
import { recordResult } from "./commands/record-result.ts";
import { type SendCommandInput, sendCommand } from "./commands/send-command.ts";
import { DocumentService } from "./documents/document-service.ts";
import type { CommandStatus } from "./model.ts";
import { Scheduler } from "./scheduler.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A store with `size` Linux nodes, a memory bus that records what reaches each node, a scheduler
 * and a hand-driven clock. Unless `agentsAck` is false, every node acknowledges what it is sent at
 * once, as a connected agent does.
 */
async function openFleet(t: TestContext, size: number, { agentsAck = true } = {}) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  await store.createActivation(anActivation({ registrationLimit: size, tags: [] }));
  const nodes = Array.from({ length: size }, (_, i) => nodeId(i + 1));
  for (const id of nodes) assert.equal(await store.registerNode("act-1", "hash-1", aNode(id), T0), "registered");
  let now = T0;
  const clock = { now: () => now };
  const bus = new MemoryBus();
  const delivered: string[] = [];
  const ack = (commandId: string, id: string) =>
    store.updateInvocation(commandId, id, { deliveredAt: now, updatedAt: now }, { unlessTerminal: true });
  for (const id of nodes) {
    bus.subscribe(`node.${id}`, (m) => {
      if (m.kind !== "deliver") return;
      delivered.push(id);
      if (agentsAck) void ack(m.commandId, id);
    });
  }
  const statuses: CommandStatus[] = [];
  const scheduler = new Scheduler(store, bus, clock, { commandChanged: (c) => statuses.push(c.status) });
  const documents = new DocumentService({ store, clock, accountId: "123456789012" });
  const deps = { store, bus, clock };
  return {
    store,
    nodes,
    delivered,
    statuses,
    scheduler,
    /** Moves the clock to `seconds` after the start. */
    at: (seconds: number) => {
      now = T0 + seconds * 1000;
    },
    send: (input: Partial<SendCommandInput> = {}) =>
      sendCommand(
        { store, documents, clock, ids: randomIds },
        { DocumentName: "AWS-RunShellScript", InstanceIds: nodes, Parameters: { commands: ["true"] }, ...input },
        "AKIATEST",
      ),
    /** Scheduler passes (and the agents' acknowledgements) until nothing more is sent. */
    pass: async (commandId: string) => {
      for (let sent = -1; sent !== delivered.length; ) {
        sent = delivered.length;
        await scheduler.poke(commandId);
        await tick();
      }
    },
    /** The agent acknowledges receipt (as the gateway records an `ack`). */
    ack,
    /** The agent reports a final result. */
    finish: (commandId: string, id: string, status: ResultMessage["status"]) =>
      recordResult(deps, id, {
        type: "result",
        commandId,
        status,
        responseCode: status === "Success" ? 0 : 1,
        endedAt: now,
        plugins: [],
      }),
    cancel: (commandId: string, ids?: string[]) => cancelCommand(deps, commandId, ids),
    details: async (commandId: string) =>
      (await store.listInvocations({ commandId }, { offset: 0, limit: 1000 })).items
        .sort((a, b) => a.seq - b.seq)
        .map((i) => i.statusDetails),
    count: async (commandId: string, details: "InProgress" | "Pending") =>
      (await store.countInvocations(commandId))[details] ?? 0,
    command: async (commandId: string) => {
      const c = await store.getCommand(commandId);
      assert.ok(c, `command ${commandId} exists`);
      return c;
    },
  };
}

describe("MaxConcurrency", () => {
  test("releases at most MaxConcurrency invocations, lowest target first, however often it is poked", async (t) => {
    const fleet = await openFleet(t, 5);
    const { commandId } = await fleet.send({ MaxConcurrency: "2" });
    for (let i = 0; i < 3; i++) await fleet.pass(commandId);
    assert.deepEqual(fleet.delivered, [fleet.nodes[0], fleet.nodes[1]]);
    assert.equal(await fleet.count(commandId, "InProgress"), 2);
    assert.equal(await fleet.count(commandId, "Pending"), 3);
    assert.equal((await fleet.command(commandId)).status, "InProgress");
  });

  test("ramps up: one node first, then twice as many as have acknowledged, up to MaxConcurrency", async (t) => {
    const fleet = await openFleet(t, 12, { agentsAck: false });
    const { commandId } = await fleet.send({ MaxConcurrency: "10" });
    const sentPerRound: number[] = [];
    for (let round = 0; round < 5; round++) {
      await fleet.pass(commandId);
      sentPerRound.push(fleet.delivered.length);
      for (const id of fleet.delivered) await fleet.ack(commandId, id);
    }
    assert.deepEqual(sentPerRound, [1, 3, 7, 10, 10]);
  });

  test("a percentage resolves against the targets: 40% of 5 is 2 at a time", async (t) => {
    const fleet = await openFleet(t, 5);
    const { commandId } = await fleet.send({ MaxConcurrency: "40%" });
    await fleet.pass(commandId);
    assert.equal(fleet.delivered.length, 2);
  });

  test("releases the next ones as invocations finish, never exceeding the limit, until all succeeded", async (t) => {
    const fleet = await openFleet(t, 5);
    const { commandId } = await fleet.send({ MaxConcurrency: "2" });
    await fleet.pass(commandId);
    for (let done = 0; done < 5; done++) {
      assert.ok((await fleet.count(commandId, "InProgress")) <= 2);
      const next = fleet.nodes[done] ?? "";
      assert.equal(await fleet.finish(commandId, next, "Success"), true);
      await fleet.pass(commandId);
      assert.equal(fleet.delivered.length, Math.min(5, done + 3), `deliveries after ${done + 1} results`);
    }
    assert.deepEqual(fleet.delivered, fleet.nodes);
    const command = await fleet.command(commandId);
    assert.equal(command.status, "Success");
    assert.equal(command.completedCount, 5);
    assert.equal(fleet.statuses.at(-1), "Success");
  });
});

describe("MaxErrors", () => {
  test("MaxErrors 0: the first error ends every queued invocation Terminated and the command Failed", async (t) => {
    const fleet = await openFleet(t, 4);
    const { commandId } = await fleet.send({ MaxConcurrency: "1", MaxErrors: "0" });
    await fleet.pass(commandId);
    await fleet.finish(commandId, fleet.nodes[0] ?? "", "Failed");
    await fleet.pass(commandId);
    assert.deepEqual(await fleet.details(commandId), ["Failed", "Terminated", "Terminated", "Terminated"]);
    const terminated = await fleet.store.getInvocation(commandId, fleet.nodes[1] ?? "");
    assert.equal(terminated?.status, "Cancelled");
    assert.deepEqual(fleet.delivered, [fleet.nodes[0]]);
    const command = await fleet.command(commandId);
    assert.deepEqual([command.status, command.statusDetails], ["Failed", "Failed"]);
    assert.deepEqual([command.errorCount, command.completedCount], [1, 4]);
  });

  test("10% of 50 keeps sending through 5 errors and stops at the 6th", async (t) => {
    const fleet = await openFleet(t, 50);
    const { commandId } = await fleet.send({ MaxConcurrency: "1", MaxErrors: "10%" });
    await fleet.pass(commandId);
    for (const id of fleet.nodes) {
      if ((await fleet.store.getInvocation(commandId, id))?.statusDetails !== "InProgress") break;
      await fleet.finish(commandId, id, "Failed");
      await fleet.pass(commandId);
    }
    const details = await fleet.details(commandId);
    assert.equal(details.filter((d) => d === "Failed").length, 6);
    assert.equal(details.filter((d) => d === "Terminated").length, 44);
    assert.equal(fleet.delivered.length, 6);
    assert.equal((await fleet.command(commandId)).status, "Failed");
  });

  test("invocations already running when MaxErrors is exceeded still finish, so ErrorCount can exceed it", async (t) => {
    const fleet = await openFleet(t, 3);
    const { commandId } = await fleet.send({ MaxConcurrency: "2", MaxErrors: "0" });
    await fleet.pass(commandId);
    await fleet.finish(commandId, fleet.nodes[0] ?? "", "Failed");
    await fleet.pass(commandId);
    assert.deepEqual(await fleet.details(commandId), ["Failed", "InProgress", "Terminated"]);
    assert.equal(await fleet.finish(commandId, fleet.nodes[1] ?? "", "Failed"), true);
    await fleet.pass(commandId);
    const command = await fleet.command(commandId);
    assert.deepEqual([command.status, command.errorCount, command.completedCount], ["Failed", 2, 3]);
  });
});

describe("timeouts", () => {
  test("past TimeoutSeconds what no agent acknowledged ends DeliveryTimedOut; acknowledged work goes on", async (t) => {
    const fleet = await openFleet(t, 3, { agentsAck: false });
    const [acked = "", unacked = "", queued = ""] = fleet.nodes;
    const { commandId } = await fleet.send({ MaxConcurrency: "2", TimeoutSeconds: 60 });
    await fleet.pass(commandId);
    await fleet.ack(commandId, acked);
    await fleet.pass(commandId);
    assert.deepEqual(fleet.delivered, [acked, unacked]);
    fleet.at(59.999);
    await fleet.scheduler.sweep();
    assert.deepEqual(await fleet.details(commandId), ["InProgress", "InProgress", "Pending"]);

    fleet.at(61);
    await fleet.scheduler.sweep();
    await tick();
    assert.deepEqual(await fleet.details(commandId), ["InProgress", "DeliveryTimedOut", "DeliveryTimedOut"]);
    assert.equal((await fleet.store.getInvocation(commandId, unacked))?.status, "TimedOut");
    assert.ok(!fleet.delivered.includes(queued), "a timed-out queued invocation is never sent");
    assert.equal((await fleet.command(commandId)).status, "InProgress");

    await fleet.finish(commandId, acked, "Success");
    await fleet.pass(commandId);
    const command = await fleet.command(commandId);
    assert.deepEqual([command.status, command.statusDetails], ["TimedOut", "DeliveryTimedOut"]);
    assert.deepEqual([command.deliveryTimedOutCount, command.completedCount, command.errorCount], [2, 3, 0]);
  });

  test("past ExpiresAfter even acknowledged and cancelling invocations end DeliveryTimedOut", async (t) => {
    const fleet = await openFleet(t, 2);
    const [running = "", cancelling = ""] = fleet.nodes;
    const command = await fleet.send({
      TimeoutSeconds: 60,
      Parameters: { commands: ["sleep 1000"], executionTimeout: ["100"] },
    });
    const { commandId } = command;
    assert.equal(command.expiresAt, T0 + 160_000);
    await fleet.pass(commandId);
    await fleet.cancel(commandId, [cancelling]);
    fleet.at(159);
    await fleet.scheduler.sweep();
    assert.deepEqual(await fleet.details(commandId), ["InProgress", "Cancelling"]);

    fleet.at(160);
    await fleet.scheduler.sweep();
    assert.deepEqual(await fleet.details(commandId), ["DeliveryTimedOut", "DeliveryTimedOut"]);
    assert.equal(await fleet.finish(commandId, running, "Success"), false, "a late result changes nothing");
    const after = await fleet.command(commandId);
    assert.deepEqual(
      [after.status, after.statusDetails, after.deliveryTimedOutCount],
      ["TimedOut", "DeliveryTimedOut", 2],
    );
    assert.deepEqual(await fleet.store.listActiveCommandIds(), []);
  });
});
