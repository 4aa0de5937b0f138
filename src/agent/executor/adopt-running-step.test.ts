import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { adoptRunningStep } from "./adopt-running-step.ts";
import { isProcessAlive, killProcessGroup, livingGroupMembers } from "./process-group.ts";
import { type ProcessRecord, readProcessRecord, stepDirectory, writeKillMarker } from "./step-files.ts";
import type { ScriptStep } from "./types.ts";

let stateDir: string;
before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-adopt-"));
});
after(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const RUNNER = new URL("./run-script-step.ts", import.meta.url).href;

let counter = 0;
/** A step that prints "begin", waits until the file `go` appears in its directory, then runs `tail`. */
function gatedStep(tail: string[], timeoutSeconds = 3600): ScriptStep {
  counter += 1;
  return {
    commandId: `adopt-${counter}`,
    stepName: "0.aws:runShellScript",
    interpreter: "sh",
    lines: ["echo begin", "while [ ! -f go ]; do sleep 0.05; done", ...tail],
    workingDirectory: "",
    timeoutSeconds,
    env: {},
  };
}

/** Poll (bounded) until `check` holds. */
async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );

/**
 * Starts the step in a separate agent process, waits until it has recorded process.json, then
 * SIGKILLs that agent process: the step keeps running in its own process group.
 */
async function startThenCrash(s: ScriptStep): Promise<{ stepDir: string; record: ProcessRecord }> {
  const code = `const { runScriptStep } = await import(${JSON.stringify(RUNNER)});
await runScriptStep(${JSON.stringify(s)}, { stateDir: ${JSON.stringify(stateDir)} });`;
  const agent: ChildProcess = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: "ignore",
  });
  const stepDir = stepDirectory(stateDir, s.commandId, s.stepName);
  try {
    await until(() => exists(join(stepDir, "process.json")), "process.json");
  } finally {
    agent.kill("SIGKILL");
  }
  if (agent.exitCode === null && agent.signalCode === null) await once(agent, "exit");
  const record = await readProcessRecord(stepDir);
  assert.ok(record);
  return { stepDir, record };
}

describe("adoptRunningStep", { concurrency: true }, () => {
  test("re-attaches to a step that is still running after the agent crashed and gets its result", async () => {
    const { stepDir, record } = await startThenCrash(gatedStep(["echo end", "exit 3"]));
    assert.ok(isProcessAlive(record.pid, record.startTime), "the step survives the agent");
    const adopted = adoptRunningStep(stepDir);
    await writeFile(join(stepDir, "go"), "");
    const result = await adopted;
    assert.equal(result.status, "Failed");
    assert.equal(result.responseCode, 3);
    assert.equal(result.stdout, "begin\nend\n");
    assert.equal(result.startedAt, record.startedAt);
  });

  test("recovers the result of a step that finished while the agent was down", async () => {
    const { stepDir } = await startThenCrash(gatedStep(["echo done", "exit 168"]));
    await writeFile(join(stepDir, "go"), "");
    await until(() => exists(join(stepDir, "exitcode")), "the exit code file");
    const result = await adoptRunningStep(stepDir);
    assert.equal(result.status, "Success");
    assert.equal(result.skipRemaining, true);
    assert.equal(result.stdout, "begin\ndone\n");
  });

  test("keeps the original deadline: an adopted step is killed when its timeout passes", async () => {
    const { stepDir, record } = await startThenCrash(gatedStep(["sleep 100 &", "wait"], 5));
    const result = await adoptRunningStep(stepDir);
    assert.equal(result.status, "TimedOut");
    assert.equal(result.responseCode, 137);
    await until(() => livingGroupMembers(record.pgid).length === 0, "the group to die");
  });

  test("cancels an adopted step through the signal", async () => {
    const { stepDir, record } = await startThenCrash(gatedStep([]));
    const controller = new AbortController();
    const adopted = adoptRunningStep(stepDir, { signal: controller.signal });
    controller.abort();
    const result = await adopted;
    assert.equal(result.status, "Cancelled");
    assert.equal(result.responseCode, 137);
    await until(() => livingGroupMembers(record.pgid).length === 0, "the group to die");
  });

  test("a step that died with no exit code while the agent was down is reported lost", async () => {
    const { stepDir, record } = await startThenCrash(gatedStep([]));
    killProcessGroup(record.pgid);
    await until(() => !isProcessAlive(record.pid, record.startTime), "the step to die");
    const result = await adoptRunningStep(stepDir);
    assert.equal(result.status, "Failed");
    assert.equal(result.message, "the agent restarted while this step was running and its result was lost");
    assert.equal(result.stdout, "begin\n");
  });

  test("finishes a kill the crashed agent had decided on but not carried out", async () => {
    const { stepDir, record } = await startThenCrash(gatedStep([]));
    writeKillMarker(stepDir, "TimedOut");
    const result = await adoptRunningStep(stepDir);
    assert.equal(result.status, "TimedOut");
    await until(() => livingGroupMembers(record.pgid).length === 0, "the group to die");
  });
});
