import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import type { AgentPluginResult, ResultMessage } from "../../protocol/agent/messages.ts";
import { randomIds } from "../../server/random-ids.ts";
import { aNode, anActivation, nodeId, T0 } from "../../store/contract/fixtures.ts";
import { openStore } from "../../store/open-store.ts";
import { DocumentService } from "../documents/document-service.ts";
import type { BusMessage } from "../ports/bus.ts";
import { Scheduler } from "../scheduler.ts";
import { recordResult } from "./record-result.ts";
import { sendCommand } from "./send-command.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const NODE = nodeId(1);

/** One Linux node with one released invocation of a fresh command. */
async function openRun(t: TestContext, timeoutSeconds = 3600) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  await store.createActivation(anActivation({ tags: [] }));
  await store.registerNode("act-1", "hash-1", aNode(NODE), T0);
  let now = T0;
  const clock = { now: () => now };
  const bus = new MemoryBus();
  const signals: BusMessage[] = [];
  bus.subscribe("scheduler", (m) => signals.push(m));
  const scheduler = new Scheduler(store, bus, clock);
  const documents = new DocumentService({ store, clock, accountId: "123456789012" });
  const { commandId } = await sendCommand(
    { store, documents, clock, ids: randomIds },
    {
      DocumentName: "AWS-RunShellScript",
      InstanceIds: [NODE],
      Parameters: { commands: ["true"] },
      TimeoutSeconds: timeoutSeconds,
    },
    "AKIATEST",
  );
  await scheduler.poke(commandId);
  return {
    store,
    scheduler,
    signals,
    commandId,
    at: (seconds: number) => {
      now = T0 + seconds * 1000;
    },
    record: (result: ResultMessage) => recordResult({ store, bus, clock }, NODE, result),
    invocation: async () => {
      const inv = await store.getInvocation(commandId, NODE);
      assert.ok(inv);
      return inv;
    },
    command: async () => {
      await scheduler.poke(commandId);
      const c = await store.getCommand(commandId);
      assert.ok(c);
      return c;
    },
  };
}

function plugin(overrides: Partial<AgentPluginResult> = {}): AgentPluginResult {
  return {
    name: "0.aws:runShellScript",
    action: "aws:runShellScript",
    status: "Success",
    responseCode: 0,
    stdout: "hello\n",
    stderr: "",
    startedAt: T0 + 1000,
    endedAt: T0 + 2000,
    ...overrides,
  };
}

function result(commandId: string, overrides: Partial<ResultMessage> = {}): ResultMessage {
  return {
    type: "result",
    commandId,
    status: "Success",
    responseCode: 0,
    startedAt: T0 + 1000,
    endedAt: T0 + 2000,
    plugins: [plugin()],
    ...overrides,
  };
}

test("a successful result is stored with its output and signals the scheduler", async (t) => {
  const run = await openRun(t);
  assert.equal(await run.record(result(run.commandId)), true);
  const inv = await run.invocation();
  assert.deepEqual([inv.status, inv.statusDetails, inv.responseCode], ["Success", "Success", 0]);
  assert.deepEqual([inv.startedAt, inv.endedAt, inv.stdout, inv.stderr], [T0 + 1000, T0 + 2000, "hello\n", ""]);
  assert.deepEqual(
    inv.plugins.map((p) => [p.name, p.status, p.output]),
    [["0.aws:runShellScript", "Success", "hello\n"]],
  );
  await tick();
  assert.deepEqual(run.signals, [{ kind: "command-changed", commandId: run.commandId }]);
  const command = await run.command();
  assert.deepEqual([command.status, command.completedCount], ["Success", 1]);
});

test("a second result for the same invocation returns false and changes nothing, even if it differs", async (t) => {
  const run = await openRun(t);
  await run.record(result(run.commandId));
  const first = await run.invocation();
  run.at(30);
  assert.equal(await run.record(result(run.commandId)), false);
  const failed = plugin({ status: "Failed", responseCode: 1, stdout: "", stderr: "boom" });
  assert.equal(
    await run.record(result(run.commandId, { status: "Failed", responseCode: 1, plugins: [failed] })),
    false,
  );
  assert.deepEqual(await run.invocation(), first);
  await tick();
  assert.equal(run.signals.length, 1, "only the first result signals the scheduler");
});

test("a result arriving after the invocation ended DeliveryTimedOut changes nothing", async (t) => {
  const run = await openRun(t, 30);
  run.at(31);
  await run.scheduler.sweep();
  assert.equal((await run.invocation()).statusDetails, "DeliveryTimedOut");
  assert.equal(await run.record(result(run.commandId)), false);
  const inv = await run.invocation();
  assert.deepEqual([inv.status, inv.statusDetails, inv.stdout, inv.plugins], ["TimedOut", "DeliveryTimedOut", "", []]);
  const command = await run.command();
  assert.deepEqual([command.status, command.statusDetails], ["TimedOut", "DeliveryTimedOut"]);
});

test("an agent's TimedOut is ExecutionTimedOut (Status TimedOut), an error that times the command out", async (t) => {
  const run = await openRun(t);
  const killed = plugin({ status: "TimedOut", responseCode: 137, stdout: "partial" });
  await run.record(result(run.commandId, { status: "TimedOut", responseCode: 137, plugins: [killed] }));
  const inv = await run.invocation();
  assert.deepEqual([inv.status, inv.statusDetails, inv.responseCode], ["TimedOut", "ExecutionTimedOut", 137]);
  const command = await run.command();
  assert.deepEqual([command.status, command.statusDetails, command.errorCount], ["TimedOut", "ExecutionTimedOut", 1]);
});

test("Failed and Cancelled results keep their status and response code", async (t) => {
  for (const [status, responseCode] of [
    ["Failed", 2],
    ["Cancelled", 137],
  ] as const) {
    const run = await openRun(t);
    await run.record(result(run.commandId, { status, responseCode, plugins: [plugin({ status, responseCode })] }));
    const inv = await run.invocation();
    assert.deepEqual([inv.status, inv.statusDetails, inv.responseCode], [status, status, responseCode]);
  }
});

test("stored output is cut to 24,000 characters of stdout and 8,000 of stderr across the steps", async (t) => {
  const run = await openRun(t);
  const steps = [
    plugin({ name: "first", stdout: "a".repeat(20_000), stderr: "x".repeat(6_000) }),
    plugin({ name: "second", stdout: "b".repeat(20_000), stderr: "y".repeat(6_000) }),
  ];
  await run.record(result(run.commandId, { plugins: steps }));
  const inv = await run.invocation();
  assert.equal(inv.stdout, "a".repeat(20_000) + "b".repeat(4_000));
  assert.equal(inv.stderr, "x".repeat(6_000) + "y".repeat(2_000));
  assert.deepEqual(
    inv.plugins.map((p) => [p.stdout.length, p.stderr.length]),
    [
      [20_000, 6_000],
      [20_000, 6_000],
    ],
  );
  assert.ok(inv.plugins.every((p) => p.output.length <= 2_500));
});

test("one step's oversized output is cut to the same limits", async (t) => {
  const run = await openRun(t);
  const huge = plugin({ stdout: "o".repeat(30_000), stderr: "e".repeat(9_000) });
  await run.record(result(run.commandId, { plugins: [huge] }));
  const inv = await run.invocation();
  assert.deepEqual([inv.stdout.length, inv.stderr.length], [24_000, 8_000]);
  assert.deepEqual([inv.plugins[0]?.stdout.length, inv.plugins[0]?.stderr.length], [24_000, 8_000]);
});
