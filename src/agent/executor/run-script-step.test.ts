import assert from "node:assert/strict";
import { mkdtemp, readFile, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { livingGroupMembers } from "./process-group.ts";
import { runScriptStep } from "./run-script-step.ts";
import { readProcessRecord } from "./step-files.ts";
import type { ScriptStep } from "./types.ts";

let stateDir: string;
before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-executor-"));
});
after(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

let counter = 0;
function step(lines: string[], overrides: Partial<ScriptStep> = {}): ScriptStep {
  counter += 1;
  return {
    commandId: `cmd-${counter}`,
    stepName: "0.aws:runShellScript",
    interpreter: "sh",
    lines,
    workingDirectory: "",
    timeoutSeconds: 3600,
    env: { SSM_COMMAND_ID: `cmd-${counter}` },
    ...overrides,
  };
}

/** Waits (bounded) until no process of the group is left running, and returns the survivors. */
async function survivors(pgid: number): Promise<number[]> {
  for (let i = 0; i < 50 && livingGroupMembers(pgid).length > 0; i++) await sleep(100);
  return livingGroupMembers(pgid);
}

describe("runScriptStep", { concurrency: true }, () => {
  test("runs the script, captures stdout/stderr and passes the extra environment", async () => {
    const s = step(["echo hello", "echo $SSM_COMMAND_ID", "echo oops >&2"]);
    const result = await runScriptStep(s, { stateDir });
    assert.equal(result.status, "Success");
    assert.equal(result.responseCode, 0);
    assert.equal(result.stdout, `hello\n${s.commandId}\n`);
    assert.equal(result.stderr, "oops\n");
    assert.equal(result.stdoutBytes, Buffer.byteLength(result.stdout));
    assert.equal(result.skipRemaining, false);
    assert.equal(result.outputDir, join(stateDir, "orchestration", s.commandId, "0.aws-runShellScript"));
    const script = join(result.outputDir, "_script.sh");
    assert.equal(await readFile(script, "utf8"), "echo hello\necho $SSM_COMMAND_ID\necho oops >&2\n");
    assert.equal((await stat(script)).mode & 0o777, 0o700);
    assert.ok(Date.parse(result.endedAt) >= Date.parse(result.startedAt));
  });

  test("runs in the given absolute working directory, or the step directory when empty", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fleetrun-cwd-"));
    try {
      const inDir = await runScriptStep(step(["pwd"], { workingDirectory: dir }), { stateDir });
      assert.equal(inDir.stdout, `${await realpath(dir)}\n`);
      const inStep = await runScriptStep(step(["pwd"]), { stateDir });
      assert.equal(inStep.stdout, `${await realpath(inStep.outputDir)}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a missing working directory fails without running the script", async () => {
    const marker = join(stateDir, "should-not-exist");
    const missing = join(stateDir, "no", "such", "dir");
    const result = await runScriptStep(step([`touch ${marker}`], { workingDirectory: missing }), { stateDir });
    assert.equal(result.status, "Failed");
    assert.equal(result.responseCode, 1);
    assert.match(result.message ?? "", /does not exist/);
    await assert.rejects(stat(marker), { code: "ENOENT" });
  });

  test("maps exit codes: 1 Failed, 168 Success+skip, 169 Failed+skip, 194 Failed with reboot message", async () => {
    const [one, s168, s169, s194] = await Promise.all(
      [1, 168, 169, 194].map((code) => runScriptStep(step([`exit ${code}`]), { stateDir })),
    );
    assert.deepEqual([one?.status, one?.responseCode, one?.skipRemaining], ["Failed", 1, false]);
    assert.deepEqual([s168?.status, s168?.responseCode, s168?.skipRemaining], ["Success", 168, true]);
    assert.deepEqual([s169?.status, s169?.responseCode, s169?.skipRemaining], ["Failed", 169, true]);
    assert.deepEqual([s194?.status, s194?.responseCode], ["Failed", 194]);
    assert.match(s194?.message ?? "", /reboot requested \(exit 194\)/);
  });

  test("the script's own exit code is recorded, not the last command of the wrapper", async () => {
    const result = await runScriptStep(step(["echo before", "false", "echo after; exit 7"]), { stateDir });
    assert.equal(result.responseCode, 7);
    assert.equal(result.stdout, "before\nafter\n");
    assert.equal(await readFile(join(result.outputDir, "exitcode"), "utf8"), "7\n");
  });

  test("a shebang line picks the interpreter; without one the script runs under sh", async () => {
    const bash = await runScriptStep(step(["#!/bin/bash", 'test -n "$BASH_VERSION" && echo bash=yes']), { stateDir });
    assert.equal(bash.stdout, "bash=yes\n");
    const plain = await runScriptStep(step(["echo plain $((1 + 2))"]), { stateDir });
    assert.equal(plain.stdout, "plain 3\n");
  });

  test("the execution timeout SIGKILLs the whole process group, background children included", async () => {
    const result = await runScriptStep(
      step(["echo started", "sleep 100 &", "sleep 100; wait"], { timeoutSeconds: 5 }),
      {
        stateDir,
      },
    );
    assert.equal(result.status, "TimedOut");
    assert.equal(result.responseCode, 137);
    assert.equal(result.stdout, "started\n");
    const record = await readProcessRecord(result.outputDir);
    assert.ok(record);
    assert.deepEqual(await survivors(record.pgid), []);
  });

  test("aborting the signal cancels: the group is killed and the result is Cancelled", async () => {
    const controller = new AbortController();
    let seen = "";
    const result = await runScriptStep(step(["echo started", "sleep 100 &", "sleep 100; wait"]), {
      stateDir,
      signal: controller.signal,
      onOutput: (stream, text) => {
        seen += text;
        if (stream === "stdout" && seen.includes("started")) controller.abort();
      },
    });
    assert.equal(result.status, "Cancelled");
    assert.equal(result.responseCode, 137);
    const record = await readProcessRecord(result.outputDir);
    assert.ok(record);
    assert.deepEqual(await survivors(record.pgid), []);
  });

  test("an already aborted signal does not start the script", async () => {
    const marker = join(stateDir, "aborted-marker");
    const result = await runScriptStep(step([`touch ${marker}`]), { stateDir, signal: AbortSignal.abort() });
    assert.equal(result.status, "Cancelled");
    await assert.rejects(stat(marker), { code: "ENOENT" });
  });

  test("live output delivers every byte of both streams, in order", async () => {
    let out = "";
    let err = "";
    const lines = ["for i in 1 2 3 4 5; do echo line $i; echo warn $i >&2; sleep 0.1; done"];
    const result = await runScriptStep(step(lines), {
      stateDir,
      onOutput: (stream, text) => {
        if (stream === "stdout") out += text;
        else err += text;
      },
    });
    assert.equal(out, "line 1\nline 2\nline 3\nline 4\nline 5\n");
    assert.equal(err, "warn 1\nwarn 2\nwarn 3\nwarn 4\nwarn 5\n");
    assert.equal(result.stdout, out);
  });

  test("truncates stdout to 24,000 and stderr to 8,000 characters without splitting multi-byte characters", async () => {
    const lines = [`printf '%s' '${"é".repeat(30_000)}'`, `printf '%s' '${"€".repeat(10_000)}' >&2`];
    const result = await runScriptStep(step(lines), { stateDir });
    assert.equal(result.stdout, "é".repeat(24_000));
    assert.equal(result.stderr, "€".repeat(8_000));
    assert.equal(result.stdoutBytes, 60_000);
    assert.equal(result.stderrBytes, 30_000);
  });

  test("never cuts a surrogate pair in half", async () => {
    const result = await runScriptStep(step([`printf '%s' 'a${"😀".repeat(13_000)}'`]), { stateDir });
    assert.equal(result.stdout, `a${"😀".repeat(11_999)}`);
    assert.equal(result.stdoutBytes, 1 + 13_000 * 4);
  });

  test("a 200 MB output completes and returns only its first 24,000 characters", async () => {
    const result = await runScriptStep(step(["head -c 200000000 /dev/zero | tr '\\0' a"]), { stateDir });
    assert.equal(result.status, "Success");
    assert.equal(result.stdout, "a".repeat(24_000));
    assert.equal(result.stdoutBytes, 200_000_000);
    await rm(join(result.outputDir, "stdout"));
  });

  test("a PowerShell step fails clearly when pwsh is not installed", async () => {
    const result = await runScriptStep(
      step(["Write-Output hi"], { interpreter: "pwsh", env: { PATH: "/nonexistent-fleetrun" } }),
      { stateDir },
    );
    assert.equal(result.status, "Failed");
    assert.equal(result.responseCode, 1);
    assert.equal(result.message, "PowerShell (pwsh) is not installed on this node");
  });

  test("re-running a step does not reuse the previous run's exit code", async () => {
    const first = step(["exit 3"]);
    assert.equal((await runScriptStep(first, { stateDir })).responseCode, 3);
    const again = await runScriptStep({ ...first, lines: ["echo second"] }, { stateDir });
    assert.equal(again.responseCode, 0);
    assert.equal(again.stdout, "second\n");
  });

  test("rejects a step name that would leave the orchestration directory", async () => {
    await assert.rejects(runScriptStep(step(["true"], { stepName: "../../etc" }), { stateDir }), {
      code: "ValidationException",
    });
  });
});
