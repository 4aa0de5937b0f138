import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet } from "../support/fleet.ts";

/** Peak resident memory of a process, in MB (VmHWM). */
async function peakMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? Number.NaN) / 1024;
}

let fleet: Fleet;
let agent: AgentHandle;
before(async () => {
  fleet = await Fleet.start();
  agent = await fleet.addAgent("big");
});
after(async () => fleet?.stop());

test("a gigabyte of output exhausts neither the agent's nor the server's memory", { timeout: 120_000 }, async () => {
  const id = await send(fleet.ssm, {
    InstanceIds: [agent.instanceId],
    commands: ["head -c 1000000000 /dev/zero | tr '\\0' x", "head -c 100000000 /dev/zero | tr '\\0' y >&2"],
  });
  assert.equal((await waitCommand(fleet.ssm, id, 100_000)).Status, "Success");
  const inv = await invocation(fleet.ssm, id, agent.instanceId);
  assert.equal(inv.StandardOutputContent, "x".repeat(24_000));
  assert.equal(inv.StandardErrorContent, "y".repeat(8_000));
  const agentPeak = await peakMb(agent.proc.child.pid);
  const serverPeak = await peakMb(fleet.server.child.pid);
  assert.ok(agentPeak < 300, `agent peaked at ${agentPeak.toFixed(0)} MB for 1.1 GB of output`);
  assert.ok(serverPeak < 300, `server peaked at ${serverPeak.toFixed(0)} MB`);
});
