import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import { SsmError } from "../../protocol/errors.ts";
import { randomIds } from "../../server/random-ids.ts";
import { aNode, anActivation, nodeId, T0 } from "../../store/contract/fixtures.ts";
import { openStore } from "../../store/open-store.ts";
import { DocumentService } from "../documents/document-service.ts";
import type { NodeRecord } from "../model.ts";
import { Scheduler } from "../scheduler.ts";
import { type SendCommandInput, sendCommand } from "./send-command.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const LINUX_1 = nodeId(1);
const LINUX_2 = nodeId(2);
const WINDOWS = nodeId(3);

/** Two Linux nodes tagged role=web and one Windows node, and a `send` for AWS-RunShellScript. */
async function openFleet(t: TestContext) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  await store.createActivation(anActivation({ tags: [] }));
  const nodes: Array<[string, NodeRecord["platformType"]]> = [
    [LINUX_1, "Linux"],
    [LINUX_2, "Linux"],
    [WINDOWS, "Windows"],
  ];
  for (const [id, platformType] of nodes) {
    await store.registerNode("act-1", "hash-1", aNode(id, { platformType }), T0);
    await store.putTags("ManagedInstance", id, [{ Key: "role", Value: "web" }]);
  }
  const clock = { now: () => T0 };
  const documents = new DocumentService({ store, clock, accountId: "123456789012" });
  const bus = new MemoryBus();
  const send = (input: Partial<SendCommandInput>) =>
    sendCommand(
      { store, documents, clock, ids: randomIds },
      {
        DocumentName: "AWS-RunShellScript",
        InstanceIds: [LINUX_1, LINUX_2],
        Parameters: { commands: ["uptime"] },
        ...input,
      },
      "AKIATEST",
    );
  const commandCount = async () => (await store.listCommands({}, { offset: 0, limit: 10 })).items.length;
  return { store, documents, bus, clock, send, commandCount };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => e instanceof SsmError && e.code === code);
}

test("a fresh command is Pending with AWS's defaults and expires 7,200 s after the request", async (t) => {
  const fleet = await openFleet(t);
  const command = await fleet.send({});
  assert.deepEqual(
    [command.status, command.statusDetails, command.targetCount, command.completedCount, command.errorCount],
    ["Pending", "Pending", 2, 0, 0],
  );
  assert.deepEqual([command.maxConcurrency, command.maxErrors, command.timeoutSeconds], ["50", "0", 3600]);
  assert.equal(command.requestedAt, T0);
  assert.equal(command.expiresAt - command.requestedAt, 7_200_000);
  assert.deepEqual(await fleet.store.getCommand(command.commandId), command);
  const invocations = (await fleet.store.listInvocations({ commandId: command.commandId }, { offset: 0, limit: 10 }))
    .items;
  assert.deepEqual(invocations.map((i) => [i.instanceId, i.statusDetails, i.releasedAt]).sort(), [
    [LINUX_1, "Pending", undefined],
    [LINUX_2, "Pending", undefined],
  ]);
});

test("ExpiresAfter is TimeoutSeconds plus the execution timeout: 60 + 100 = 160 s", async (t) => {
  const fleet = await openFleet(t);
  const command = await fleet.send({
    TimeoutSeconds: 60,
    Parameters: { commands: ["uptime"], executionTimeout: ["100"] },
  });
  assert.equal(command.expiresAt - command.requestedAt, 160_000);
  assert.equal(command.timeoutSeconds, 60);
});

test("a missing required parameter is InvalidParameters, and no command is created", async (t) => {
  const fleet = await openFleet(t);
  await rejectsWith(fleet.send({ Parameters: {} }), "InvalidParameters");
  await rejectsWith(fleet.send({ Parameters: { workingDirectory: ["/tmp"] } }), "InvalidParameters");
  assert.equal(await fleet.commandCount(), 0);
});

test("a parameter the document does not define is InvalidParameters", async (t) => {
  const fleet = await openFleet(t);
  await rejectsWith(fleet.send({ Parameters: { commands: ["uptime"], nope: ["x"] } }), "InvalidParameters");
});

test("a DocumentHash that does not match the document is InvalidDocument; the right one is accepted", async (t) => {
  const fleet = await openFleet(t);
  const { hash } = await fleet.documents.resolve("AWS-RunShellScript", undefined);
  await rejectsWith(fleet.send({ DocumentHash: "0".repeat(64), DocumentHashType: "Sha256" }), "InvalidDocument");
  assert.equal(await fleet.commandCount(), 0);
  const command = await fleet.send({ DocumentHash: hash, DocumentHashType: "Sha256" });
  assert.equal(command.status, "Pending");
});

test("an unknown document is InvalidDocument", async (t) => {
  const fleet = await openFleet(t);
  await rejectsWith(fleet.send({ DocumentName: "No-Such-Document" }), "InvalidDocument");
});

test("a Windows node sent AWS-RunShellScript ends InvalidPlatform (Failed) at once and is never delivered", async (t) => {
  const fleet = await openFleet(t);
  const command = await fleet.send({ InstanceIds: [LINUX_1, WINDOWS] });
  const windows = await fleet.store.getInvocation(command.commandId, WINDOWS);
  assert.deepEqual([windows?.status, windows?.statusDetails, windows?.endedAt], ["Failed", "InvalidPlatform", T0]);
  const linux = await fleet.store.getInvocation(command.commandId, LINUX_1);
  assert.deepEqual([linux?.status, linux?.statusDetails], ["Pending", "Pending"]);
  assert.deepEqual([command.targetCount, command.completedCount, command.errorCount], [2, 1, 0]);

  const delivered: string[] = [];
  for (const id of [LINUX_1, WINDOWS]) fleet.bus.subscribe(`node.${id}`, () => delivered.push(id));
  await new Scheduler(fleet.store, fleet.bus, fleet.clock).poke(command.commandId);
  await tick();
  assert.deepEqual(delivered, [LINUX_1]);
});

test("a command with a refused Windows node is still Pending when sent: nothing was delivered", {}, async (t) => {
  const fleet = await openFleet(t);
  const command = await fleet.send({ InstanceIds: [LINUX_1, WINDOWS] });
  assert.deepEqual([command.status, command.statusDetails], ["Pending", "Pending"]);
});

test("a command only for unsupported platforms is Failed when sent", async (t) => {
  const fleet = await openFleet(t);
  const command = await fleet.send({ InstanceIds: [WINDOWS] });
  assert.deepEqual([command.status, command.statusDetails, command.completedCount], ["Failed", "Failed", 1]);
});

test("tag targets are resolved once at send time; a tag matching nothing is Failed / NoInstancesInTag", async (t) => {
  const fleet = await openFleet(t);
  const targets = [{ Key: "tag:role", Values: ["web"] }];
  const tagged = await fleet.send({ InstanceIds: [], Targets: targets });
  assert.equal(tagged.targetCount, 3);
  assert.deepEqual([tagged.instanceIds, tagged.targets], [[], targets], "echoes what was sent");

  const none = await fleet.send({ InstanceIds: [], Targets: [{ Key: "tag:role", Values: ["db"] }] });
  assert.deepEqual([none.status, none.statusDetails, none.targetCount], ["Failed", "NoInstancesInTag", 0]);

  await fleet.store.putTags("ManagedInstance", LINUX_1, [{ Key: "role", Value: "db" }]);
  await new Scheduler(fleet.store, fleet.bus, fleet.clock).sweep();
  assert.deepEqual(await fleet.store.getCommand(none.commandId), none, "a node tagged later does not join");
  const later = await fleet.store.listInvocations({ commandId: tagged.commandId }, { offset: 0, limit: 10 });
  assert.equal(later.items.length, 3, "nor does a node that lost the tag leave");
});

test("a NotificationArn that names nowhere known is refused with InvalidNotificationConfig, before anything is written", async (t) => {
  const fleet = await openFleet(t);
  const known = async (arn: string) => arn.startsWith("https://") || arn === "ops";
  const send = (arn: string) =>
    sendCommand(
      {
        store: fleet.store,
        documents: fleet.documents,
        clock: fleet.clock,
        ids: randomIds,
        knownNotificationTarget: known,
      },
      {
        DocumentName: "AWS-RunShellScript",
        InstanceIds: [LINUX_1],
        Parameters: { commands: ["uptime"] },
        NotificationConfig: { NotificationArn: arn, NotificationEvents: ["All"], NotificationType: "Command" },
      },
      "AKIATEST",
    );
  await rejectsWith(send("no-such-topic"), "InvalidNotificationConfig");
  assert.equal(await fleet.commandCount(), 0);
  assert.equal((await send("ops")).notificationConfig.NotificationArn, "ops");
  assert.equal((await send("https://hooks.example/x")).status, "Pending");
});
