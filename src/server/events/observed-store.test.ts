import assert from "node:assert/strict";
import { it, type TestContext } from "node:test";
import type { StatusChange } from "../../core/events/status-change.ts";
import { aCommand, aNode, anActivation, anInvocation, nodeId, T0 } from "../../store/contract/fixtures.ts";
import { openStore } from "../../store/open-store.ts";
import { observeStore } from "./observed-store.ts";

async function setup(t: TestContext) {
  const raw = await openStore("sqlite::memory:");
  t.after(() => raw.close());
  await raw.migrate();
  const changes: StatusChange[] = [];
  const store = observeStore(raw, { push: (c) => changes.push(c) }, { now: () => T0 + 5 });
  const described = () =>
    changes.map((c) =>
      c.kind === "command"
        ? `command ${c.command.status}`
        : c.kind === "invocation"
          ? `${c.instanceId} ${c.status}`
          : `node ${c.instanceId} ${c.change}`,
    );
  return { store, changes, described };
}

it("reports command and invocation status changes written through the store, and nothing else", async (t) => {
  const { store, described } = await setup(t);
  const [a, b] = [nodeId(1), nodeId(2)];
  await store.createCommand(aCommand("c1"), [anInvocation("c1", a, 0), anInvocation("c1", b, 1)]);
  await store.releaseInvocations("c1", 1, T0 + 1);
  await store.updateCommand("c1", { status: "InProgress", statusDetails: "InProgress" });
  await store.updateCommand("c1", { completedCount: 1 });
  await store.updateCommand("c1", { status: "InProgress", statusDetails: "InProgress", errorCount: 0 });
  await store.updateInvocation("c1", a, { deliveredAt: T0 + 2, updatedAt: T0 + 2 });
  await store.updateInvocation("c1", a, { status: "Success", statusDetails: "Success", updatedAt: T0 + 3 });
  await store.transitionInvocations(
    { commandId: "c1", details: ["Pending"] },
    { status: "Cancelled", statusDetails: "Terminated", updatedAt: T0 + 4 },
  );
  assert.deepEqual(described(), [
    "command Pending",
    `${a} Pending`,
    `${b} Pending`,
    `${a} InProgress`,
    "command InProgress",
    `${a} Success`,
    `${b} Cancelled`,
  ]);
  assert.equal((await store.getCommand("c1"))?.completedCount, 1, "other methods pass through");
});

it("reports a result that did not change anything as nothing", async (t) => {
  const { store, changes } = await setup(t);
  await store.createCommand(aCommand("c1"), [
    anInvocation("c1", nodeId(1), 0, { status: "Success", statusDetails: "Success" }),
  ]);
  changes.length = 0;
  const changed = await store.updateInvocation(
    "c1",
    nodeId(1),
    { status: "Failed", statusDetails: "Failed", updatedAt: T0 },
    { unlessTerminal: true },
  );
  assert.equal(changed, false);
  assert.deepEqual(changes, []);
});

it("reports nodes registered and deregistered, not refused registrations", async (t) => {
  const { store, described } = await setup(t);
  await store.createActivation(anActivation({ registrationLimit: 1 }));
  assert.equal(await store.registerNode("act-1", "hash-1", aNode(nodeId(1)), T0), "registered");
  assert.equal(await store.registerNode("act-1", "hash-1", aNode(nodeId(2)), T0), "limit-reached");
  assert.equal(await store.deleteNode(nodeId(1)), true);
  assert.equal(await store.deleteNode(nodeId(1)), false);
  assert.deepEqual(described(), [`node ${nodeId(1)} Registered`, `node ${nodeId(1)} Deregistered`]);
});
