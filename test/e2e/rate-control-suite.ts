import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CancelCommandCommand } from "@aws-sdk/client-ssm";
import { invocation, invocations, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

/** Start/end times a script prints with `date +%s%N`, as ms. */
function span(output: string | undefined): { start: number; end: number } {
  const [start, end] = (output ?? "")
    .trim()
    .split("\n")
    .map((n) => Number(n) / 1e6);
  return { start: start ?? 0, end: end ?? 0 };
}

/** Live processes whose command line contains `token` (zombies excluded). */
function running(token: string): number {
  const out = execFileSync("ps", ["-eo", "stat=,args="], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes(`sleep ${token}`) && !l.trim().startsWith("Z")).length;
}

function maxOverlap(spans: Array<{ start: number; end: number }>): number {
  let most = 0;
  for (const s of spans) most = Math.max(most, spans.filter((t) => t.start <= s.start && s.start < t.end).length);
  return most;
}

/** Rate control, timeouts and cancel on the store `storeUrl` gives (undefined: embedded SQLite). */
export function rateControlSuite(engine: string, storeUrl: () => Promise<string | undefined>): void {
  describe(`rate control, timeouts and cancel (${engine})`, () => {
    let fleet: Fleet;
    let nodes: AgentHandle[];

    before(async () => {
      const store = await storeUrl();
      fleet = await Fleet.start(store ? { store } : {});
      const activation = await fleet.createActivation(4);
      nodes = await Promise.all(["r1", "r2", "r3", "r4"].map((n) => fleet.addAgent(n, activation)));
    });
    after(async () => fleet?.stop());
    const ids = () => nodes.map((n) => n.instanceId);

    test("MaxConcurrency 1 runs one node at a time", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "1",
        commands: ["date +%s%N", "sleep 0.4", "date +%s%N"],
      });
      assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
      const spans = [...(await invocations(fleet.ssm, id)).keys()].map(async (n) =>
        span((await invocation(fleet.ssm, id, n)).StandardOutputContent),
      );
      assert.equal(maxOverlap(await Promise.all(spans)), 1);
    });

    test("MaxConcurrency 50% of 4 nodes runs two at a time", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "50%",
        commands: ["date +%s%N", "sleep 0.6", "date +%s%N"],
      });
      assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
      const spans = await Promise.all(
        ids().map(async (n) => span((await invocation(fleet.ssm, id, n)).StandardOutputContent)),
      );
      assert.equal(maxOverlap(spans), 2);
    });

    test("MaxErrors 0 stops after the first error; the never-sent invocations end Terminated", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "1",
        MaxErrors: "0",
        commands: ["exit 1"],
      });
      const command = await waitCommand(fleet.ssm, id);
      assert.equal(command.Status, "Failed");
      assert.equal(command.ErrorCount, 1);
      assert.equal(command.CompletedCount, 4);
      const details = [...(await invocations(fleet.ssm, id)).values()].map((i) => i.StatusDetails).sort();
      assert.deepEqual(details, ["Failed", "Terminated", "Terminated", "Terminated"]);
    });

    test("MaxErrors 1 tolerates one error, stops at the second", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "1",
        MaxErrors: "1",
        commands: ["exit 1"],
      });
      await waitCommand(fleet.ssm, id);
      const details = [...(await invocations(fleet.ssm, id)).values()].map((i) => i.StatusDetails).sort();
      assert.deepEqual(details, ["Failed", "Failed", "Terminated", "Terminated"]);
    });

    test("MaxErrors 50% of 4 nodes is a budget of two; one error within it ends Incomplete", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "1",
        MaxErrors: "50%",
        commands: [`[ "$AWS_SSM_INSTANCE_ID" = "${nodes[0]?.instanceId}" ] && exit 1 || true`],
      });
      const command = await waitCommand(fleet.ssm, id);
      assert.equal(command.ErrorCount, 1);
      assert.equal(command.CompletedCount, 4);
      assert.equal(
        command.StatusDetails,
        "Incomplete",
        "one failure within the budget: attempted everywhere but not all succeeded",
      );
    });

    test("the execution timeout kills the whole process group: ExecutionTimedOut", async () => {
      const marker = `/tmp/fleetrun-e2e-timeout-${process.pid}`;
      const id = await send(fleet.ssm, {
        InstanceIds: [ids()[0] ?? ""],
        Parameters: { commands: [`(sleep 8; echo survived > ${marker}) &`, "sleep 30"], executionTimeout: ["5"] },
      });
      const command = await waitCommand(fleet.ssm, id, 20_000);
      assert.equal(command.Status, "TimedOut");
      assert.equal(command.StatusDetails, "ExecutionTimedOut");
      assert.equal(command.ErrorCount, 1);
      const inv = await invocation(fleet.ssm, id, ids()[0] ?? "");
      assert.equal(inv.StatusDetails, "ExecutionTimedOut");
      await new Promise((r) => setTimeout(r, 4000));
      await assert.rejects(readFile(marker), { code: "ENOENT" }, "the background child was killed with the group");
    });

    test("CancelCommand stops running processes within seconds and cancels the queued ones", async () => {
      // A unique sleep length finds exactly this test's processes.
      const token = `60.${process.pid}${Date.now() % 100000}`;
      const dir = await mkdtemp(join(tmpdir(), "fleetrun-cancel-"));
      const id = await send(fleet.ssm, {
        InstanceIds: ids(),
        MaxConcurrency: "2",
        commands: [`touch ${dir}/$AWS_SSM_INSTANCE_ID`, `sleep ${token}`],
      });
      await waitFor("two scripts to start", async () => ((await readdir(dir)).length === 2 ? true : undefined));
      assert.equal(running(token), 2);
      await fleet.ssm.send(new CancelCommandCommand({ CommandId: id }));
      const command = await waitCommand(fleet.ssm, id, 10_000);
      assert.equal(running(token), 0, "the running scripts were killed");
      assert.equal((await readdir(dir)).length, 2, "the queued invocations never started");
      await rm(dir, { recursive: true, force: true });
      assert.equal(command.Status, "Cancelled");
      const all = [...(await invocations(fleet.ssm, id)).values()];
      assert.deepEqual(
        all.map((i) => i.Status),
        ["Cancelled", "Cancelled", "Cancelled", "Cancelled"],
      );
      await assert.rejects(
        fleet.ssm.send(new CancelCommandCommand({ CommandId: "00000000-0000-0000-0000-000000000000" })),
        {
          name: "InvalidCommandId",
        },
      );
    });
  });
}
