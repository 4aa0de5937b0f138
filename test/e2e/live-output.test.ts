import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  GetCommandInvocationCommand,
  ListCommandsCommand,
  SendCommandCommand,
  type SendCommandCommandInput,
} from "@aws-sdk/client-ssm";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");
const GROUP = "/aws/ssm/AWS-RunShellScript";

/** A fleetrun CLI run: exit code, output, and when each stdout line arrived. */
interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: Array<{ at: number; text: string }>;
}

/** Runs `fleetrun <args>` against the fleet, timing each stdout line as it arrives. */
function fleetrun(fleet: Fleet, args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args, "--endpoint-url", fleet.url], {
    env: { ...process.env, ...fleet.cliEnv() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: CliRun = { code: null, stdout: "", stderr: "", lines: [] };
  let partial = "";
  child.stdout.on("data", (d: Buffer) => {
    const at = Date.now();
    run.stdout += d.toString();
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop() ?? "";
    for (const text of parts) run.lines.push({ at, text });
  });
  child.stderr.on("data", (d: Buffer) => {
    run.stderr += d.toString();
  });
  return new Promise((done) =>
    child.on("exit", (code) => {
      run.code = code;
      done(run);
    }),
  );
}

/** Runs an aws CLI and parses its JSON output; fails the test unless it exits 0. */
function aws(fleet: Fleet, bin: string, args: string[]): Promise<Record<string, unknown[]>> {
  return new Promise((done, fail) => {
    execFile(
      bin,
      [...args, "--endpoint-url", fleet.url, "--output", "json"],
      { env: { ...process.env, ...fleet.cliEnv() }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`${bin} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        else done(JSON.parse(stdout) as Record<string, unknown[]>);
      },
    );
  });
}

describe("live output, grouped output and CloudWatch-style logs", () => {
  let fleet: Fleet;
  let agents: AgentHandle[];

  before(async () => {
    fleet = await Fleet.start();
    const activation = await fleet.createActivation(3);
    agents = [];
    for (const name of ["a", "b", "c"]) agents.push(await fleet.addAgent(name, activation));
  });
  after(async () => fleet?.stop());

  const send = async (nodes: AgentHandle[], commands: string[], extra: Partial<SendCommandCommandInput> = {}) => {
    const out = await fleet.ssm.send(
      new SendCommandCommand({
        DocumentName: "AWS-RunShellScript",
        InstanceIds: nodes.map((a) => a.instanceId),
        Parameters: { commands },
        ...extra,
      }),
    );
    return out.Command?.CommandId ?? "";
  };
  const waitDone = (commandId: string) =>
    waitFor(`command ${commandId} to end`, async () => {
      const out = await fleet.ssm.send(new ListCommandsCommand({ CommandId: commandId }));
      const status = out.Commands?.[0]?.Status;
      return status === "Success" || status === "Failed" ? status : undefined;
    });

  test("output --follow prints each node's lines with its prefix while the step runs, and exits 0", async () => {
    const nodes = agents.slice(0, 2);
    // The pause first leaves the CLI time to start and connect; then 20 lines come over ~2 s.
    const commandId = await send(nodes, ['sleep 2; for i in $(seq 1 20); do echo "line $i"; sleep 0.1; done']);
    const run = await fleetrun(fleet, ["output", commandId, "--follow"]);
    assert.equal(run.code, 0, run.stderr);
    for (const node of nodes) {
      const mine = run.lines.filter((l) => l.text.startsWith(`${node.instanceId}: `));
      assert.deepEqual(
        mine.map((l) => l.text),
        Array.from({ length: 20 }, (_, i) => `${node.instanceId}: line ${i + 1}`),
      );
      const inv = await fleet.ssm.send(
        new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: node.instanceId }),
      );
      const started = Date.parse(inv.ExecutionStartDateTime ?? "");
      const ended = Date.parse(inv.ExecutionEndDateTime ?? "");
      const first = mine[0]?.at ?? Number.POSITIVE_INFINITY;
      const last = mine.at(-1)?.at ?? 0;
      const quarter = (ended - started) / 4;
      // Streaming, not all at the end: the first line is seen well before the step ends, and the
      // lines arrive spread over the time they were printed.
      const timing = `first line ${ended - first} ms before the end of a ${ended - started} ms step, lines spread over ${last - first} ms`;
      assert.ok(first < ended - quarter, timing);
      assert.ok(last - first > quarter, timing);
    }
    const prefixes = new Set(run.lines.map((l) => l.text.split(":")[0]));
    assert.deepEqual([...prefixes].sort(), nodes.map((n) => n.instanceId).sort());
  });

  test("output --follow exits non-zero when the command fails", async () => {
    const commandId = await send(agents.slice(0, 1), ["echo before; exit 3"]);
    const run = await fleetrun(fleet, ["output", commandId, "--follow"]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, `${agents[0]?.instanceId}: before\n`);
  });

  test("output --group folds 3 nodes into 2 groups: 2 alike successes and 1 failure", async () => {
    const commandId = await send(agents, [
      'case "$0 $PWD" in *agent-c*) echo "disk full"; exit 1;; *) echo "all good";; esac',
    ]);
    assert.equal(await waitDone(commandId), "Failed");
    const run = await fleetrun(fleet, ["output", commandId, "--group"]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines[0], "2 nodes: Success · 1 node: exit 1");
    assert.equal(lines.filter((l) => l === "all good").length, 1, run.stdout);
    assert.equal(lines.filter((l) => l === "disk full").length, 1, run.stdout);
    assert.ok(
      lines.some((l) => l.endsWith("(2) Success")),
      run.stdout,
    );
    assert.ok(lines.includes(`${agents[2]?.instanceId} (1) exit 1`), run.stdout);

    const plain = await fleetrun(fleet, ["output", commandId]);
    for (const agent of agents)
      assert.match(plain.stdout, new RegExp(`^${agent.instanceId}: (all good|disk full)$`, "m"));
  });

  describe("log events of CloudWatchOutputConfig commands", () => {
    let commandId = "";
    let streamA = "";
    let middle = 0;

    before(async () => {
      commandId = await send(agents.slice(0, 2), ['for i in 1 2 3; do echo "log $i"; sleep 0.3; done'], {
        CloudWatchOutputConfig: { CloudWatchOutputEnabled: true },
      });
      await waitDone(commandId);
      streamA = `${commandId}/${agents[0]?.instanceId}/aws-runShellScript/stdout`;
      const run = await waitFor("the log events", async () => {
        const r = await fleetrun(fleet, ["logs", "--group", GROUP, "--stream-prefix", `${commandId}/`]);
        return r.stdout.trimEnd().split("\n").length === 6 ? r : undefined;
      });
      const second = run.lines.find((l) => l.text.endsWith(`${streamA} log 2`));
      middle = Date.parse(second?.text.split(" ")[0] ?? "");
    });

    test("fleetrun logs reads a group by stream prefix, one stream, and a time range", async () => {
      const one = await fleetrun(fleet, ["logs", "--group", GROUP, "--stream", streamA]);
      assert.equal(one.code, 0, one.stderr);
      assert.deepEqual(
        one.lines.map((l) => l.text.split(" ").slice(1).join(" ")),
        [`${streamA} log 1`, `${streamA} log 2`, `${streamA} log 3`],
      );
      const since = await fleetrun(fleet, [
        ...["logs", "--group", GROUP, "--stream-prefix", `${commandId}/${agents[0]?.instanceId}/`],
        ...["--start", new Date(middle).toISOString()],
      ]);
      assert.deepEqual(
        since.lines.map((l) => l.text.split(" ").slice(2).join(" ")),
        ["log 2", "log 3"],
      );
      const until = await fleetrun(fleet, [
        "logs",
        "--group",
        GROUP,
        "--stream",
        streamA,
        "--end",
        new Date(middle - 1).toISOString(),
      ]);
      assert.deepEqual(
        until.lines.map((l) => l.text.split(" ").slice(2).join(" ")),
        ["log 1"],
      );
    });

    for (const [name, bin] of [
      ["v1", "aws"],
      ["v2", "/usr/bin/aws"],
    ] as const) {
      test(`aws CLI ${name}: describe-log-streams, get-log-events and filter-log-events`, {
        skip: bin.startsWith("/") && !existsSync(bin),
      }, async () => {
        const streams = await aws(fleet, bin, [
          ...["logs", "describe-log-streams", "--log-group-name", GROUP],
          ...["--log-stream-name-prefix", `${commandId}/`],
        ]);
        assert.deepEqual(
          (streams.logStreams as Array<{ logStreamName: string }>).map((s) => s.logStreamName),
          agents
            .slice(0, 2)
            .map((a) => `${commandId}/${a.instanceId}/aws-runShellScript/stdout`)
            .sort(),
        );
        const got = await aws(fleet, bin, [
          ...["logs", "get-log-events", "--log-group-name", GROUP, "--log-stream-name", streamA],
          "--start-from-head",
        ]);
        assert.deepEqual(
          (got.events as Array<{ message: string }>).map((e) => e.message),
          ["log 1", "log 2", "log 3"],
        );
        const filtered = await aws(fleet, bin, [
          ...["logs", "filter-log-events", "--log-group-name", GROUP],
          ...["--log-stream-name-prefix", `${commandId}/`, "--start-time", String(middle)],
        ]);
        const messages = (filtered.events as Array<{ logStreamName: string; message: string }>).filter(
          (e) => e.logStreamName === streamA,
        );
        assert.deepEqual(
          messages.map((e) => e.message),
          ["log 2", "log 3"],
        );
      });
    }
  });
});
