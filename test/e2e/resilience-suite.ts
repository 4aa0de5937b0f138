import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, type TestContext, test } from "node:test";
import { DescribeInstanceInformationCommand } from "@aws-sdk/client-ssm";
import { getCommand, invocation, invocations, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

/** Where each test fleet keeps its state: undefined = the embedded SQLite default. */
let storeUrl: () => Promise<string | undefined> = async () => undefined;

/** A fresh fleet with `count` agents and a marker directory, both removed when the test ends. */
async function setUp(t: TestContext, count: number): Promise<{ fleet: Fleet; agents: AgentHandle[]; marks: string }> {
  const marks = await mkdtemp(join(tmpdir(), "fleetrun-marks-"));
  t.after(() => rm(marks, { recursive: true, force: true }));
  const store = await storeUrl();
  const fleet = await Fleet.start(store ? { store } : {});
  t.after(async () => {
    const { exitCode, signalCode } = fleet.server.child;
    // Every test restarts the servers it kills: a dead one here crashed, and its log says why.
    if (exitCode !== null || signalCode !== null) {
      t.diagnostic(`server exited (${exitCode ?? signalCode}):\n${fleet.server.stderr().slice(-4000)}`);
    }
    await fleet.stop();
  });
  const activation = await fleet.createActivation(count);
  const agents = await Promise.all(
    Array.from({ length: count }, (_, i) => fleet.addAgent(String.fromCharCode(97 + i), activation)),
  );
  return { fleet, agents, marks };
}

/** The lines of a marker file; [] when the script never wrote it. */
async function lines(path: string): Promise<string[]> {
  try {
    return (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Shell text appending `word` to the marker file `path`. */
const append = (word: string, path: string) => `echo ${word} >> '${path}'`;

async function pingStatus(fleet: Fleet, instanceId: string): Promise<string | undefined> {
  const out = await fleet.ssm.send(
    new DescribeInstanceInformationCommand({ Filters: [{ Key: "InstanceIds", Values: [instanceId] }] }),
  );
  return out.InstanceInformationList?.[0]?.PingStatus;
}

/** Kills an agent and waits until the server has noticed (so what follows is really sent while it is down). */
async function killAgent(fleet: Fleet, agent: AgentHandle): Promise<void> {
  await agent.kill("SIGKILL");
  await waitFor(`${agent.instanceId} to lose its connection`, async () =>
    (await pingStatus(fleet, agent.instanceId)) === "ConnectionLost" ? true : undefined,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long to wait after a command finished before counting runs: a wrongly repeated delivery
 * would start its script (whose first line writes the marker) well within this.
 */
const SETTLE_MS = 1_500;

/** Crash resilience: nothing lost, nothing run twice — real processes killed with SIGKILL. */
/** Kill -9 of servers and agents on the store `url` gives for each test fleet. */
export function resilienceSuite(engine: string, url: () => Promise<string | undefined>): void {
  storeUrl = url;
  describe(`crash resilience: nothing lost, nothing twice (${engine})`, () => {
    test("a server killed while commands run on 3 agents: every result arrives and no script runs twice", {
      timeout: 90_000,
    }, async (t) => {
      const { fleet, agents, marks } = await setUp(t, 3);
      const ids = agents.map((a) => a.instanceId);
      const commandId = await send(fleet.ssm, {
        InstanceIds: ids,
        commands: [`echo run >> '${marks}'/"$AWS_SSM_INSTANCE_ID"`, "sleep 3", "echo done"],
      });
      await waitFor("every script to start", async () => {
        const started = await Promise.all(ids.map((id) => lines(join(marks, id))));
        return started.every((l) => l.length > 0) ? true : undefined;
      });
      await fleet.killServer("SIGKILL");
      await fleet.startServer();

      const command = await waitCommand(fleet.ssm, commandId, 45_000);
      assert.equal(command.Status, "Success");
      assert.equal(command.CompletedCount, 3);
      assert.equal(command.ErrorCount, 0);
      await sleep(SETTLE_MS);
      for (const id of ids) {
        const inv = await invocation(fleet.ssm, commandId, id);
        assert.equal(inv.Status, "Success", `invocation on ${id}`);
        assert.equal(inv.StandardOutputContent, "done\n");
        assert.deepEqual(await lines(join(marks, id)), ["run"], `the script ran once on ${id}`);
      }
    });

    test("a server killed while invocations are queued under MaxConcurrency 1 releases the rest, one at a time, once each", {
      timeout: 90_000,
    }, async (t) => {
      const { fleet, agents, marks } = await setUp(t, 3);
      const ids = agents.map((a) => a.instanceId);
      const commandId = await send(fleet.ssm, {
        InstanceIds: ids,
        MaxConcurrency: "1",
        commands: [`echo run >> '${marks}'/"$AWS_SSM_INSTANCE_ID"`, "date +%s%N", "sleep 2", "date +%s%N"],
      });
      // Kill while the second invocation runs: one result recorded, one in flight, one still queued.
      await waitFor("the second invocation to start", async () => {
        const started = await Promise.all(ids.map((id) => lines(join(marks, id))));
        return started.filter((l) => l.length > 0).length >= 2 ? true : undefined;
      });
      const before = await invocations(fleet.ssm, commandId);
      const queued = [...before.values()].filter((i) => i.Status === "Pending").length;
      assert.equal(queued, 1, "one invocation is still queued when the server dies");
      await fleet.killServer("SIGKILL");
      await fleet.startServer();

      const command = await waitCommand(fleet.ssm, commandId, 60_000);
      assert.equal(command.Status, "Success");
      assert.equal(command.CompletedCount, 3);
      await sleep(SETTLE_MS);
      const spans: Array<{ id: string; start: bigint; end: bigint }> = [];
      for (const id of ids) {
        const inv = await invocation(fleet.ssm, commandId, id);
        assert.equal(inv.Status, "Success", `invocation on ${id}`);
        assert.deepEqual(await lines(join(marks, id)), ["run"], `the script ran once on ${id}`);
        const [start, end] = (inv.StandardOutputContent ?? "").trim().split("\n");
        assert.match(start ?? "", /^\d+$/);
        assert.match(end ?? "", /^\d+$/);
        spans.push({ id, start: BigInt(start ?? 0), end: BigInt(end ?? 0) });
      }
      for (const s of spans) {
        for (const o of spans) {
          if (s === o) continue;
          assert.ok(!(s.start < o.end && o.start < s.end), `${s.id} and ${o.id} ran at the same time`);
        }
      }
    });

    test("a command sent to a killed agent waits for it and runs once when it comes back", {
      timeout: 60_000,
    }, async (t) => {
      const { fleet, agents, marks } = await setUp(t, 1);
      const [agent] = agents as [AgentHandle];
      const marker = join(marks, "run");
      await killAgent(fleet, agent);
      const commandId = await send(fleet.ssm, {
        InstanceIds: [agent.instanceId],
        commands: [append("run", marker), "echo hi"],
      });
      await sleep(3_000);
      const waiting = await invocation(fleet.ssm, commandId, agent.instanceId);
      assert.ok(["Pending", "InProgress"].includes(waiting.Status ?? ""), `waiting invocation is ${waiting.Status}`);
      assert.ok(["Pending", "InProgress"].includes((await getCommand(fleet.ssm, commandId)).Status ?? ""));
      assert.deepEqual(await lines(marker), [], "nothing ran while the agent was down");

      await agent.restart();
      const command = await waitCommand(fleet.ssm, commandId);
      assert.equal(command.Status, "Success");
      const inv = await invocation(fleet.ssm, commandId, agent.instanceId);
      assert.equal(inv.Status, "Success");
      assert.equal(inv.StandardOutputContent, "hi\n");
      await sleep(SETTLE_MS);
      assert.deepEqual(await lines(marker), ["run"]);
    });

    for (const variant of ["after the script finished", "while the script still runs"] as const) {
      test(`an agent killed mid-run and restarted ${variant} reports the one run's result`, {
        timeout: 60_000,
      }, async (t) => {
        const { fleet, agents, marks } = await setUp(t, 1);
        const [agent] = agents as [AgentHandle];
        const marker = join(marks, "run");
        const commandId = await send(fleet.ssm, {
          InstanceIds: [agent.instanceId],
          commands: [append("start", marker), "sleep 4", append("end", marker), "echo out"],
        });
        await waitFor("the script to start", async () => ((await lines(marker)).includes("start") ? true : undefined));
        await agent.kill("SIGKILL");
        if (variant === "after the script finished") {
          await waitFor("the orphaned script to finish", async () =>
            (await lines(marker)).includes("end") ? true : undefined,
          );
        } else {
          assert.deepEqual(await lines(marker), ["start"], "the script is still running at the restart");
        }
        await agent.restart();

        const command = await waitCommand(fleet.ssm, commandId);
        assert.equal(command.Status, "Success");
        const inv = await invocation(fleet.ssm, commandId, agent.instanceId);
        assert.equal(inv.Status, "Success");
        assert.equal(inv.ResponseCode, 0);
        assert.equal(inv.StandardOutputContent, "out\n");
        await sleep(SETTLE_MS);
        assert.deepEqual(await lines(marker), ["start", "end"], "one run, not restarted");
      });
    }

    test("a result produced while the server was down arrives after it restarts", { timeout: 60_000 }, async (t) => {
      const { fleet, agents, marks } = await setUp(t, 1);
      const [agent] = agents as [AgentHandle];
      const marker = join(marks, "run");
      const commandId = await send(fleet.ssm, {
        InstanceIds: [agent.instanceId],
        commands: [append("start", marker), "sleep 3", append("end", marker), 'echo "result of $SSM_COMMAND_ID"'],
      });
      await waitFor("the script to start", async () => ((await lines(marker)).includes("start") ? true : undefined));
      await fleet.killServer("SIGKILL");
      await waitFor("the script to finish", async () => ((await lines(marker)).includes("end") ? true : undefined));
      await sleep(500); // let the agent record the result in its spool while the server is still down
      await fleet.startServer();

      const command = await waitCommand(fleet.ssm, commandId);
      assert.equal(command.Status, "Success");
      const inv = await invocation(fleet.ssm, commandId, agent.instanceId);
      assert.equal(inv.Status, "Success");
      assert.equal(inv.StandardOutputContent, `result of ${commandId}\n`);
      await sleep(SETTLE_MS);
      assert.deepEqual(await lines(marker), ["start", "end"]);
    });

    test("an invocation not delivered within TimeoutSeconds ends DeliveryTimedOut and never runs later", {
      timeout: 90_000,
    }, async (t) => {
      const { fleet, agents, marks } = await setUp(t, 1);
      const [agent] = agents as [AgentHandle];
      const marker = join(marks, "late");
      await killAgent(fleet, agent);
      const commandId = await send(fleet.ssm, {
        InstanceIds: [agent.instanceId],
        TimeoutSeconds: 30,
        commands: [append("run", marker)],
      });
      const command = await waitCommand(fleet.ssm, commandId, 50_000);
      assert.equal(command.Status, "TimedOut");
      assert.equal(command.StatusDetails, "DeliveryTimedOut");
      assert.equal(command.DeliveryTimedOutCount, 1);
      assert.equal(command.CompletedCount, 1);
      const inv = await invocation(fleet.ssm, commandId, agent.instanceId);
      assert.equal(inv.Status, "TimedOut");
      assert.equal(inv.StatusDetails, "DeliveryTimedOut");

      await agent.restart();
      await fleet.waitOnline(agent.instanceId);
      // A later command round-trips, so the agent had every chance to receive the timed-out one.
      const later = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo later"] });
      assert.equal((await waitCommand(fleet.ssm, later)).Status, "Success");
      assert.deepEqual(await lines(marker), [], "the timed-out command never ran");
      assert.equal((await invocation(fleet.ssm, commandId, agent.instanceId)).StatusDetails, "DeliveryTimedOut");
    });
  });
}
