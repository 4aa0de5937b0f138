import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { DOCUMENT_ERROR_CODE } from "./document-error.ts";
import { decodeDocument, documentFromObject, parseDocument } from "./parse-document.ts";

/** Asserts that parsing fails with a document error whose message contains `fragment`. */
function rejects(content: string, fragment: string, format?: "JSON" | "YAML"): void {
  assert.throws(
    () => parseDocument(content, format),
    (error: unknown) => {
      assert.ok(error instanceof SsmError);
      assert.equal(error.code, DOCUMENT_ERROR_CODE);
      assert.ok(error.message.includes(fragment), `"${error.message}" should contain "${fragment}"`);
      return true;
    },
  );
}

const doc22 = (mainSteps: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ schemaVersion: "2.2", mainSteps, ...extra });

describe("parseDocument: schema 2.x", () => {
  it("keeps mainSteps in order with their name, action, inputs and flow fields", () => {
    const doc = parseDocument(
      doc22([
        {
          action: "aws:runShellScript",
          name: "first",
          inputs: { runCommand: ["echo 1"] },
          precondition: { StringEquals: ["platformType", "Linux"] },
          onFailure: "exit",
        },
        { action: "aws:runPowerShellScript", name: "second", inputs: { runCommand: ["echo 2"] }, finallyStep: true },
      ]),
    );
    assert.equal(doc.schemaVersion, "2.2");
    assert.deepEqual(doc.steps, [
      {
        name: "first",
        action: "aws:runShellScript",
        inputs: { runCommand: ["echo 1"] },
        precondition: { StringEquals: ["platformType", "Linux"] },
        onFailure: "exit",
      },
      { name: "second", action: "aws:runPowerShellScript", inputs: { runCommand: ["echo 2"] }, finallyStep: true },
    ]);
  });

  it("accepts every supported 2.x schema version", () => {
    for (const version of ["2.0", "2.0.1", "2.0.2", "2.0.3", "2.2"]) {
      const content = JSON.stringify({
        schemaVersion: version,
        mainSteps: [{ action: "aws:runShellScript", name: "a" }],
      });
      assert.equal(parseDocument(content).schemaVersion, version);
    }
  });

  it("rejects a duplicate step name with the path of the second one", () => {
    rejects(
      doc22([
        { action: "aws:runShellScript", name: "x" },
        { action: "aws:runShellScript", name: "x" },
      ]),
      'mainSteps[1].name: duplicate step name "x"',
    );
  });

  it("rejects missing or empty mainSteps, actions and names", () => {
    rejects(JSON.stringify({ schemaVersion: "2.2" }), "mainSteps: is required");
    rejects(doc22([]), "mainSteps: must be a non-empty list");
    rejects(doc22([{ name: "a" }]), "mainSteps[0].action: must be a non-empty string");
    rejects(doc22([{ name: "a", action: "" }]), "mainSteps[0].action");
    rejects(doc22([{ action: "aws:runShellScript" }]), "mainSteps[0].name: must be a non-empty string");
    rejects(doc22([{ action: "aws:runShellScript", name: "a", inputs: [] }]), "mainSteps[0].inputs: must be an object");
    rejects(doc22([{ action: "aws:runShellScript", name: "a", finallyStep: "yes" }]), "mainSteps[0].finallyStep");
    rejects(doc22([{ action: "aws:runShellScript", name: "a", onFailure: 1 }]), "mainSteps[0].onFailure");
  });
});

describe("parseDocument: schema 1.2", () => {
  it("names steps by property id, or <index>.<plugin> when the id is missing", () => {
    const doc = parseDocument(
      JSON.stringify({
        schemaVersion: "1.2",
        runtimeConfig: {
          "aws:runShellScript": { properties: [{ id: "custom", runCommand: ["a"] }, { runCommand: ["b"] }] },
        },
      }),
    );
    assert.deepEqual(
      doc.steps.map((step) => [step.name, step.action]),
      [
        ["custom", "aws:runShellScript"],
        ["1.aws:runShellScript", "aws:runShellScript"],
      ],
    );
    assert.deepEqual(doc.steps[0]?.inputs, { id: "custom", runCommand: ["a"] });
  });

  it("rejects duplicate ids with the property path", () => {
    rejects(
      JSON.stringify({
        schemaVersion: "1.2",
        runtimeConfig: { "aws:runShellScript": { properties: [{ id: "same" }, { id: "same" }] } },
      }),
      'runtimeConfig["aws:runShellScript"].properties[1].id: duplicate step name "same"',
    );
  });

  it("requires runtimeConfig with at least one property", () => {
    rejects(JSON.stringify({ schemaVersion: "1.2" }), "runtimeConfig: is required");
    rejects(JSON.stringify({ schemaVersion: "1.2", runtimeConfig: {} }), "runtimeConfig: must define at least one");
    rejects(
      JSON.stringify({ schemaVersion: "1.2", runtimeConfig: { "aws:runShellScript": { properties: ["x"] } } }),
      'runtimeConfig["aws:runShellScript"].properties[0]: must be an object',
    );
  });
});

describe("parseDocument: text and top level", () => {
  it("parses YAML, explicitly or when the text is not JSON", () => {
    const yaml = [
      "schemaVersion: '2.2'",
      "description: demo",
      "parameters:",
      "  message:",
      "    type: String",
      "    default: 'on'",
      "mainSteps:",
      "  - action: aws:runShellScript",
      "    name: say",
      "    inputs:",
      "      runCommand:",
      "        - echo {{ message }}",
    ].join("\n");
    for (const doc of [parseDocument(yaml), parseDocument(yaml, "YAML")]) {
      assert.equal(doc.description, "demo");
      assert.deepEqual(doc.parameters.message, { type: "String", default: "on" });
      assert.deepEqual(doc.steps[0]?.inputs, { runCommand: ["echo {{ message }}"] });
    }
  });

  it("accepts an unquoted YAML schemaVersion 2.2 but not 2.0, which YAML reads as 2", () => {
    assert.equal(parseDocument("schemaVersion: 2.2\nmainSteps: [{action: a:b, name: s}]").schemaVersion, "2.2");
    rejects("schemaVersion: 2.0\nmainSteps: [{action: a:b, name: s}]", "schemaVersion: 2 is not supported");
  });

  it("rejects text that is neither JSON nor YAML, and non-JSON text when JSON is demanded", () => {
    rejects("{ a: [", "neither valid JSON nor valid YAML");
    rejects("schemaVersion: '2.2'", "not valid JSON", "JSON");
    rejects("a: 1\na: 2", "neither valid JSON nor valid YAML");
  });

  it("rejects a missing or unsupported schemaVersion and a non-object document", () => {
    rejects(JSON.stringify({ mainSteps: [] }), "schemaVersion: is required");
    rejects(JSON.stringify({ schemaVersion: "0.3", mainSteps: [] }), 'schemaVersion: "0.3" is not supported');
    rejects(JSON.stringify({ schemaVersion: "1.0", runtimeConfig: {} }), "schemaVersion");
    rejects("[1, 2]", "must be a JSON or YAML object");
    rejects(
      JSON.stringify({ schemaVersion: "2.2", description: 5, mainSteps: [{ action: "a", name: "b" }] }),
      "description",
    );
  });

  it("reports parameter definition errors with their path", () => {
    rejects(
      doc22([{ action: "aws:runShellScript", name: "a" }], { parameters: { p: { type: "Text" } } }),
      "parameters.p.type: must be one of",
    );
  });
});

describe("parseDocument: shared inputs", () => {
  it("takes onFailure, onSuccess and finallyStep from inputs, as AWS writes them", () => {
    const doc = parseDocument(
      doc22([
        { action: "aws:runShellScript", name: "a", inputs: { runCommand: ["x"], onFailure: "successAndExit" } },
        { action: "aws:runShellScript", name: "b", inputs: { runCommand: ["y"], onSuccess: "exit" } },
        { action: "aws:runShellScript", name: "c", inputs: { runCommand: ["z"], finallyStep: "true" } },
      ]),
    );
    assert.deepEqual(
      doc.steps.map((step) => [step.onFailure, step.onSuccess, step.finallyStep]),
      [
        ["successAndExit", undefined, undefined],
        [undefined, "exit", undefined],
        [undefined, undefined, true],
      ],
    );
    assert.equal(doc.steps[0]?.inputs.onFailure, "successAndExit");
  });

  it("lets a field on the step win over the same field in inputs", () => {
    const doc = parseDocument(
      doc22([{ action: "aws:runShellScript", name: "a", onFailure: "exit", inputs: { onFailure: "successAndExit" } }]),
    );
    assert.equal(doc.steps[0]?.onFailure, "exit");
  });
});

describe("decodeDocument and documentFromObject", () => {
  it("split parseDocument into decoding and structure", () => {
    const content = doc22([{ action: "aws:runShellScript", name: "a" }]);
    const root = decodeDocument(content);
    assert.deepEqual(documentFromObject(root), parseDocument(content));
    assert.deepEqual(decodeDocument("a: 'b'", "YAML"), { a: "b" });
    assert.throws(() => documentFromObject([1]), /must be a JSON or YAML object/);
  });
});
