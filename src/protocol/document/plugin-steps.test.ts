import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_DOCUMENTS } from "./builtin-documents.ts";
import { resolveParameters } from "./parameters.ts";
import { parseDocument } from "./parse-document.ts";
import { executionTimeoutOf, planSteps, platformTypesOf } from "./plugin-steps.ts";

const [shell, powershell] = BUILTIN_DOCUMENTS.map((builtin) => parseDocument(builtin.content));

describe("planSteps", () => {
  it("plans AWS-RunShellScript with the commands as a list and defaults filled in", () => {
    assert.ok(shell !== undefined);
    const params = resolveParameters(shell.parameters, { commands: ["echo hi", "ls"] });
    assert.deepEqual(planSteps(shell, params), [
      {
        name: "0.aws:runShellScript",
        action: "aws:runShellScript",
        inputs: {
          id: "0.aws:runShellScript",
          runCommand: ["echo hi", "ls"],
          workingDirectory: "",
          timeoutSeconds: "3600",
        },
        env: {},
      },
    ]);
  });

  it("applies document defaults for parameters the caller left out", () => {
    assert.ok(shell !== undefined);
    const [step] = planSteps(shell, { commands: ["ls"], executionTimeout: "60" });
    assert.equal(step?.inputs.workingDirectory, "");
    assert.equal(step?.inputs.timeoutSeconds, "60");
  });

  it("exports ENV_VAR parameters as SSM_<name>, lists joined with commas, on every step", () => {
    const doc = parseDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: {
          Message: { type: "String", default: "Hello", interpolationType: "ENV_VAR" },
          Hosts: { type: "StringList", interpolationType: "ENV_VAR" },
          Count: { type: "Integer", default: 2, interpolationType: "ENV_VAR" },
          Plain: { type: "String", default: "p" },
        },
        mainSteps: [
          { action: "aws:runShellScript", name: "one", inputs: { runCommand: ['echo "$SSM_Message" {{ Plain }}'] } },
          { action: "aws:runShellScript", name: "two", inputs: { runCommand: ["echo {{ Message }}"] } },
        ],
      }),
    );
    const plan = planSteps(doc, { Hosts: ["a", "b"] });
    const env = { SSM_Message: "Hello", SSM_Hosts: "a,b", SSM_Count: "2" };
    assert.deepEqual(
      plan.map((step) => [step.env, step.inputs.runCommand]),
      [
        [env, ['echo "$SSM_Message" p']],
        [env, ["echo Hello"]],
      ],
    );
  });

  it("interpolates preconditions and settings too, leaving the document untouched", () => {
    const doc = parseDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: { os: { type: "String", default: "Linux" } },
        mainSteps: [
          {
            action: "aws:runShellScript",
            name: "s",
            precondition: { StringEquals: ["platformType", "{{ os }}"] },
            settings: { note: "{{ os }}" },
            inputs: { runCommand: "{{ os }}" },
          },
        ],
      }),
    );
    const [step] = planSteps(doc, {});
    assert.deepEqual(step?.precondition, { StringEquals: ["platformType", "Linux"] });
    assert.deepEqual(step?.settings, { note: "Linux" });
    assert.equal(doc.steps[0]?.inputs.runCommand, "{{ os }}");
  });
});

describe("platformTypesOf", () => {
  it("reports what AWS reports for the built-in documents", () => {
    assert.ok(shell !== undefined && powershell !== undefined);
    assert.deepEqual(platformTypesOf(shell), ["Linux", "MacOS"]);
    assert.deepEqual(platformTypesOf(powershell), ["Windows", "Linux", "MacOS"]);
  });

  it("takes the union over steps and ignores unknown plugins", () => {
    const doc = parseDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        mainSteps: [
          { action: "aws:psModule", name: "a" },
          { action: "aws:runShellScript", name: "b" },
          { action: "custom:thing", name: "c" },
        ],
      }),
    );
    assert.deepEqual(platformTypesOf(doc), ["Windows", "Linux", "MacOS"]);
    assert.deepEqual(platformTypesOf({ ...doc, steps: [{ name: "c", action: "custom:thing", inputs: {} }] }), []);
  });
});

describe("executionTimeoutOf", () => {
  it("sums normalised timeoutSeconds over steps", () => {
    const steps = [
      { inputs: { timeoutSeconds: "60" } },
      { inputs: { timeoutSeconds: 120.9 } },
      { inputs: {} },
      { inputs: { timeoutSeconds: "+5" } },
    ];
    assert.equal(executionTimeoutOf(steps), 60 + 120 + 3600 + 5);
  });

  it("falls back to 3600 for values outside 5..172800 or that do not parse", () => {
    for (const timeoutSeconds of ["4", "172801", 0, "abc", "1.5", " 60", null, ["60"]]) {
      assert.equal(executionTimeoutOf([{ inputs: { timeoutSeconds } }]), 3600, String(timeoutSeconds));
    }
    assert.equal(executionTimeoutOf([{ inputs: { timeoutSeconds: "172800" } }]), 172800);
    assert.equal(executionTimeoutOf([]), 0);
  });
});
