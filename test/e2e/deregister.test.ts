import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CancelCommandCommand, DeregisterManagedInstanceCommand } from "@aws-sdk/client-ssm";
import { invocation, invocations, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

let fleet: Fleet;
let gone: AgentHandle;
let stays: AgentHandle;
before(async () => {
  fleet = await Fleet.start();
  [gone, stays] = await Promise.all([fleet.addAgent("gone"), fleet.addAgent("stays")]);
});
after(async () => fleet?.stop());

test("deregistering a node cuts its agent off and ends its open invocations Undeliverable", {
  timeout: 60_000,
}, async () => {
  const id = await send(fleet.ssm, { InstanceIds: [gone.instanceId, stays.instanceId], commands: ["sleep 20"] });
  await waitFor("both to start", async () => {
    const all = [...(await invocations(fleet.ssm, id)).values()];
    return all.every((i) => i.Status === "InProgress") ? true : undefined;
  });
  await fleet.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: gone.instanceId }));
  assert.equal(await gone.proc.exited, 2, "the agent stops: the server refused it");
  const inv = await invocation(fleet.ssm, id, gone.instanceId);
  assert.equal(inv.StatusDetails, "Undeliverable");
  assert.equal(inv.Status, "Failed");
  assert.equal((await invocation(fleet.ssm, id, stays.instanceId)).Status, "InProgress", "the other node is untouched");
  await fleet.ssm.send(new CancelCommandCommand({ CommandId: id }));
  const command = await waitCommand(fleet.ssm, id);
  assert.equal(command.Status, "Cancelled");
});
