import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ResultMessage } from "../../../protocol/agent/messages.ts";
import { BUILTIN_DOCUMENTS, type TypedParameters } from "../../../protocol/document/index.ts";
import { type RebootRequest, runDocument } from "../../document-runner.ts";

let stateDir: string;
before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-rundoc-"));
});
after(async () => rm(stateDir, { recursive: true, force: true }));

const GREETER = JSON.stringify({
  schemaVersion: "2.2",
  parameters: { who: { type: "String", allowedPattern: "^[a-z]+$" }, times: { type: "Integer", default: 1 } },
  mainSteps: [
    { action: "aws:runShellScript", name: "greet", inputs: { runCommand: ["echo hello {{ who }} x{{ times }}"] } },
    { action: "aws:runShellScript", name: "bye", inputs: { runCommand: ["echo bye"] } },
  ],
});

const runStep = (name: string, documentPath: string, documentParameters?: unknown) => ({
  action: "aws:runDocument",
  name,
  inputs: { documentType: "SSMDocument", documentPath, ...(documentParameters ? { documentParameters } : {}) },
});

function invoke(
  content: string,
  opts: {
    documents?: Record<string, string>;
    parameters?: TypedParameters;
    commandId?: string;
    resume?: boolean;
    rebootAllowed?: boolean;
  } = {},
) {
  return runDocument(
    {
      type: "invoke",
      commandId: opts.commandId ?? randomUUID(),
      documentName: "Outer",
      documentContent: content,
      parameters: opts.parameters ?? {},
      requestedAt: Date.now(),
      region: "us-east-1",
      documents: opts.documents ?? {},
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

const outer = (...steps: object[]) => JSON.stringify({ schemaVersion: "2.2", mainSteps: steps });

function asResult(value: ResultMessage | RebootRequest): ResultMessage {
  assert.equal(value.type, "result");
  return value as ResultMessage;
}

describe("aws:runDocument", () => {
  it("runs a stored document's steps with the parameters passed; their output is the step's output", async () => {
    const result = asResult(
      await invoke(outer(runStep("nested", "Greeter:2", '{"who":"ops","times":3}')), {
        documents: { "Greeter:2": GREETER },
      }),
    );
    assert.equal(result.status, "Success");
    assert.deepEqual(
      result.plugins.map((p) => [p.name, p.status, p.stdout]),
      [["nested", "Success", "hello ops x3\nbye\n"]],
    );
  });

  it("checks the passed parameters against the nested document, and fails for an unknown document", async () => {
    const bad = asResult(
      await invoke(outer(runStep("nested", "Greeter", { who: "x; rm -rf /" })), { documents: { Greeter: GREETER } }),
    );
    assert.equal(bad.status, "Failed");
    assert.match(bad.plugins[0]?.stderr ?? "", /document Greeter cannot run: .*who/);
    const missing = asResult(await invoke(outer(runStep("nested", "Missing"))));
    assert.equal(missing.plugins[0]?.stderr, "document Missing was not found");
  });

  it("fails beyond three levels of nesting", async () => {
    const loop = outer(runStep("again", "Loop"));
    const result = asResult(await invoke(loop, { documents: { Loop: loop } }));
    assert.equal(result.status, "Failed");
    assert.match(result.plugins[0]?.stderr ?? "", /aws:runDocument can nest documents at most 3 levels deep/);
  });

  it("AWS-RunDocument downloads a stored document and runs it from the downloads directory", async () => {
    const builtin = BUILTIN_DOCUMENTS.find((b) => b.name === "AWS-RunDocument");
    assert.ok(builtin);
    const result = asResult(
      await invoke(builtin.content, {
        documents: { Greeter: GREETER },
        parameters: { sourceType: "SSMDocument", sourceInfo: { name: "Greeter" }, documentParameters: { who: "team" } },
      }),
    );
    assert.equal(result.status, "Success", JSON.stringify(result.plugins));
    assert.match(result.plugins[0]?.stdout ?? "", /Content downloaded to .*downloads\/runDocument\/Greeter\.json/);
    assert.equal(result.plugins[1]?.stdout, "hello team x1\nbye\n");
  });

  it("a reboot asked for inside a nested document pauses the outer one and resumes inside", async () => {
    const commandId = randomUUID();
    const marker = join(stateDir, `nested-reboot-${commandId}`);
    const inner = outer({
      action: "aws:runShellScript",
      name: "maybeReboot",
      inputs: { runCommand: [`if [ -f ${marker} ]; then echo resumed; else touch ${marker}; exit 194; fi`] },
    });
    const content = outer(runStep("nested", "Inner"));
    const opts = { documents: { Inner: inner }, commandId, rebootAllowed: true };
    assert.deepEqual(await invoke(content, opts), { type: "reboot", commandId });
    const result = asResult(await invoke(content, { ...opts, resume: true }));
    assert.equal(result.status, "Success");
    assert.equal(result.plugins[0]?.stdout, "resumed\n");
  });
});
