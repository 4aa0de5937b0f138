import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { AgentPluginResult, ResultMessage } from "../protocol/agent/messages.ts";
import { type RebootRequest, runDocument } from "./document-runner.ts";
import { REBOOT_NOT_ALLOWED } from "./step-sequence.ts";

let stateDir: string;
before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-runner-"));
});
after(async () => rm(stateDir, { recursive: true, force: true }));

type Step = Record<string, unknown>;
const sh = (name: string, lines: string[], extra: Step = {}): Step => ({
  action: "aws:runShellScript",
  name,
  inputs: { runCommand: lines },
  ...extra,
});

interface RunOptions {
  parameters?: Record<string, unknown>;
  parameterDefs?: Record<string, unknown>;
  schemaVersion?: string;
  rebootAllowed?: boolean;
  commandId?: string;
  resume?: boolean;
  documents?: Record<string, string>;
}

/** Runs a document built from `steps` on this node and returns the result (or the reboot request). */
function run(steps: Step[], opts: RunOptions = {}): Promise<ResultMessage | RebootRequest> {
  const content = JSON.stringify({
    schemaVersion: opts.schemaVersion ?? "2.2",
    parameters: opts.parameterDefs ?? {},
    mainSteps: steps,
  });
  return runDocument(
    {
      type: "invoke",
      commandId: opts.commandId ?? randomUUID(),
      documentName: "Test",
      documentContent: content,
      parameters: opts.parameters ?? {},
      requestedAt: Date.now(),
      region: "us-east-1",
      ...(opts.documents ? { documents: opts.documents } : {}),
    },
    {
      stateDir,
      instanceId: "mi-0123456789abcdef0",
      signal: new AbortController().signal,
      resume: opts.resume ?? false,
      rebootAllowed: opts.rebootAllowed ?? false,
    },
  );
}

async function final(steps: Step[], opts: RunOptions = {}): Promise<ResultMessage> {
  const result = await run(steps, opts);
  assert.equal(result.type, "result");
  return result as ResultMessage;
}

function step(result: ResultMessage, name: string): AgentPluginResult {
  const found = result.plugins.find((p) => p.name === name);
  assert.ok(found, `no step ${name} in ${result.plugins.map((p) => p.name).join(", ")}`);
  return found;
}

const EXIT_SKIP = (name: string) =>
  `Plugin with name aws:runShellScript and id ${name} skipped due to prior step with an exit condition`;

describe("runDocument: preconditions and plugins this agent lacks", () => {
  it("skips a step whose precondition does not hold, reporting Success with AWS's message", async () => {
    const result = await final(
      [
        sh("windowsOnly", ["echo never"], { precondition: { StringEquals: ["platformType", "Windows"] } }),
        sh("linuxOnly", ["echo linux"], { precondition: { StringEquals: ["platformType", "Linux"] } }),
        sh("whenProd", ["echo prod"], { precondition: { StringEquals: ["{{ env }}", "prod"] } }),
      ],
      { parameterDefs: { env: { type: "String", default: "dev" } } },
    );
    assert.equal(result.status, "Success");
    const skipped = step(result, "windowsOnly");
    assert.deepEqual([skipped.status, skipped.responseCode], ["Success", 0]);
    assert.equal(
      skipped.stdout,
      "Step execution skipped due to unsatisfied preconditions: '\"StringEquals\": [platformType, Windows]'. Step name: windowsOnly",
    );
    assert.equal(step(result, "linuxOnly").stdout, "linux\n");
    assert.match(
      step(result, "whenProd").stdout,
      /unsatisfied preconditions: '"StringEquals": \[\{\{ env \}\}, prod\]'/,
    );
  });

  it("skips a step of a plugin this agent lacks in schema 2.2, and fails it in 2.0", async () => {
    const pkg = { action: "aws:configurePackage", name: "pkg", inputs: { name: "x", action: "Install" } };
    const v22 = await final([pkg, sh("after", ["echo after"])]);
    assert.equal(v22.status, "Success");
    assert.equal(
      step(v22, "pkg").stdout,
      "Step execution skipped due to unsupported plugin: aws:configurePackage. Step name: pkg",
    );
    assert.equal(step(v22, "after").stdout, "after\n");
    const v20 = await final([pkg, sh("after", ["echo after"])], { schemaVersion: "2.0" });
    assert.equal(v20.status, "Failed");
    assert.equal(step(v20, "pkg").status, "Failed");
    assert.match(step(v20, "pkg").stderr, /aws:configurePackage is not supported by this agent/);
  });
});

describe("runDocument: flow controls", () => {
  it("onFailure: exit stops the document, which fails; the later steps are reported skipped", async () => {
    const marker = join(stateDir, `ran-${randomUUID()}`);
    const result = await final([
      sh("breaks", ["echo broken >&2", "exit 3"], { onFailure: "exit" }),
      sh("later", [`touch ${marker}`]),
    ]);
    assert.equal(result.status, "Failed");
    assert.equal(result.responseCode, 3);
    assert.match(step(result, "breaks").stderr, /broken\n\nStep was found to have onFailure property/);
    assert.deepEqual([step(result, "later").status, step(result, "later").stdout], ["Success", EXIT_SKIP("later")]);
    assert.equal(existsSync(marker), false, "the step after the exit must not run");
  });

  it("onFailure: successAndExit stops the document, which counts as a success", async () => {
    const result = await final([
      sh("optional", ["exit 4"], { inputs: { runCommand: ["exit 4"], onFailure: "successAndExit" } }),
      sh("later", ["echo later"]),
    ]);
    assert.equal(result.status, "Success");
    assert.deepEqual([step(result, "optional").status, step(result, "optional").responseCode], ["Success", 168]);
    assert.equal(step(result, "later").stdout, EXIT_SKIP("later"));
  });

  it("onSuccess: exit stops after a successful step; a step without it lets the document continue", async () => {
    const result = await final([
      sh("fails", ["exit 1"]),
      sh("done", ["echo done"], { onSuccess: "exit" }),
      sh("later", ["echo later"]),
    ]);
    assert.equal(result.status, "Failed");
    assert.equal(step(result, "done").stdout, "done\n");
    assert.equal(step(result, "later").stdout, EXIT_SKIP("later"));
  });

  it("a finally step runs after exit code 168 skipped the rest", async () => {
    const result = await final([
      sh("stopHere", ["echo stop", "exit 168"]),
      sh("skipped", ["echo skipped"]),
      sh("cleanup", ["echo cleanup"], { finallyStep: true }),
    ]);
    assert.equal(result.status, "Success");
    assert.match(
      step(result, "stopHere").stdout,
      /^stop\n\nStep exited with code 168\. Therefore, marking step as succeeded/,
    );
    assert.equal(step(result, "skipped").stdout, EXIT_SKIP("skipped"));
    assert.equal(step(result, "cleanup").stdout, "cleanup\n");
  });

  it("a finally step runs after onFailure: exit, and exit code 169 fails its step and skips the rest", async () => {
    const exited = await final([
      sh("breaks", ["exit 2"], { onFailure: "exit" }),
      sh("skipped", ["echo skipped"]),
      sh("cleanup", ["echo cleanup"], { finallyStep: true }),
    ]);
    assert.equal(exited.status, "Failed");
    assert.equal(step(exited, "cleanup").stdout, "cleanup\n");
    const failed = await final([sh("give-up", ["exit 169"]), sh("skipped", ["echo skipped"])]);
    assert.equal(failed.status, "Failed");
    assert.equal(step(failed, "give-up").responseCode, 169);
    assert.equal(step(failed, "skipped").stdout, EXIT_SKIP("skipped"));
  });
});

describe("runDocument: reboots (exit 194)", () => {
  it("without --reboot-command the step and the document fail with a message saying so", async () => {
    const result = await final([sh("needsReboot", ["exit 194"]), sh("later", ["echo later"])]);
    assert.equal(result.status, "Failed");
    const rebooted = step(result, "needsReboot");
    assert.deepEqual([rebooted.status, rebooted.responseCode], ["Failed", 194]);
    assert.equal(rebooted.stderr, REBOOT_NOT_ALLOWED);
    assert.equal(step(result, "later").stdout, EXIT_SKIP("later"));
  });

  it("with a reboot command, pauses the document and re-runs the rebooting step when resumed", async () => {
    const commandId = randomUUID();
    const marker = join(stateDir, `rebooted-${commandId}`);
    const counter = join(stateDir, `first-${commandId}`);
    const steps = [
      sh("first", [`echo x >> ${counter}`]),
      sh("reboot", [`if [ -f ${marker} ]; then echo after-reboot; else touch ${marker}; exit 194; fi`]),
      sh("last", ["echo last"]),
    ];
    const paused = await run(steps, { commandId, rebootAllowed: true });
    assert.deepEqual(paused, { type: "reboot", commandId });
    const progress = JSON.parse(await readFile(join(stateDir, "orchestration", commandId, "progress.json"), "utf8"));
    assert.equal(progress.rebooting, "reboot");
    const resumed = await final(steps, { commandId, rebootAllowed: true, resume: true });
    assert.equal(resumed.status, "Success");
    assert.deepEqual(
      resumed.plugins.map((p) => [p.name, p.stdout]),
      [
        ["first", ""],
        ["reboot", "after-reboot\n"],
        ["last", "last\n"],
      ],
    );
    assert.equal(await readFile(counter, "utf8"), "x\n", "a finished step is not run again after the reboot");
  });

  it("fails a document that asks for a fourth reboot", async () => {
    const commandId = randomUUID();
    const steps = [sh("always", ["exit 194"])];
    for (let reboot = 0; reboot < 3; reboot++) {
      assert.equal((await run(steps, { commandId, rebootAllowed: true, resume: reboot > 0 })).type, "reboot");
    }
    const result = await final(steps, { commandId, rebootAllowed: true, resume: true });
    assert.equal(result.status, "Failed");
    assert.match(step(result, "always").stderr, /already rebooted the node 3 times/);
  });
});
