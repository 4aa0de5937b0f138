import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { validateDocument } from "./validate-document.ts";

function rejects(doc: unknown, message: string): void {
  assert.throws(
    () => validateDocument(JSON.stringify(doc)),
    (error: unknown) => {
      assert.ok(error instanceof SsmError, String(error));
      assert.equal(error.code, "InvalidDocumentContent");
      assert.equal(error.message, message);
      return true;
    },
  );
}

const PARAMS = {
  text: { type: "String", allowedPattern: "^[a-z]+$" },
  lines: { type: "StringList" },
  count: { type: "Integer", default: 60 },
  flag: { type: "Boolean", default: false },
  map: { type: "StringMap", default: {} },
};
const doc = (action: string, inputs: Record<string, unknown>) => ({
  schemaVersion: "2.2",
  parameters: PARAMS,
  mainSteps: [
    { action: "aws:runShellScript", name: "first", inputs: { runCommand: ["ls"] } },
    { action, name: "s", inputs },
  ],
});
const warningsOf = (action: string, inputs: Record<string, unknown>) =>
  validateDocument(JSON.stringify(doc(action, inputs))).warnings;
const path = "mainSteps[1].inputs";

describe("plugin inputs: aws:runShellScript and aws:runPowerShellScript", () => {
  it("accepts runCommand as a list, one string or one String/StringList placeholder", () => {
    for (const action of ["aws:runShellScript", "aws:runPowerShellScript"]) {
      for (const runCommand of [["ls", "{{ lines }}"], "ls\npwd", "{{ lines }}", "{{ text }}"]) {
        const inputs = { runCommand, workingDirectory: "/tmp", timeoutSeconds: "60" };
        assert.deepEqual(warningsOf(action, inputs), [], JSON.stringify(runCommand));
      }
    }
  });

  it("requires runCommand and checks its type", () => {
    rejects(doc("aws:runShellScript", {}), `${path}.runCommand: is required for aws:runShellScript`);
    rejects(doc("aws:runShellScript", { runCommand: 5 }), `${path}.runCommand: must be a list of strings or a string`);
    rejects(
      doc("aws:runShellScript", { runCommand: { a: 1 } }),
      `${path}.runCommand: must be a list of strings or a string`,
    );
    rejects(doc("aws:runShellScript", { runCommand: ["ls", 2] }), `${path}.runCommand[1]: must be a string`);
    rejects(
      doc("aws:runShellScript", { runCommand: "{{ count }}" }),
      `${path}.runCommand: parameter "count" is of type Integer, but this input takes String or StringList`,
    );
    rejects(
      doc("aws:runShellScript", { runCommand: ["{{ map }}"] }),
      `${path}.runCommand[0]: parameter "map" is of type StringMap, but this input takes String or StringList`,
    );
  });

  it("checks workingDirectory and timeoutSeconds", () => {
    rejects(
      doc("aws:runShellScript", { runCommand: ["ls"], workingDirectory: 1 }),
      `${path}.workingDirectory: must be a string`,
    );
    rejects(
      doc("aws:runShellScript", { runCommand: ["ls"], workingDirectory: "{{ lines }}" }),
      `${path}.workingDirectory: parameter "lines" is of type StringList, but this input takes String`,
    );
    for (const timeoutSeconds of ["1.5", "soon", true, [60]]) {
      rejects(
        doc("aws:runShellScript", { runCommand: ["ls"], timeoutSeconds }),
        `${path}.timeoutSeconds: must be a whole number of seconds, as a number or a string`,
      );
    }
    for (const timeoutSeconds of [60, "172800", "{{ count }}", "{{ text }}"]) {
      assert.deepEqual(warningsOf("aws:runShellScript", { runCommand: ["ls"], timeoutSeconds }), []);
    }
    assert.deepEqual(warningsOf("aws:runShellScript", { runCommand: ["ls"], timeoutSeconds: 4 }), [
      `${path}.timeoutSeconds: 4 is outside 5..172800 seconds; the agent uses 3600 instead`,
    ]);
  });

  it("warns about inputs the plugin ignores, but not shared inputs", () => {
    assert.deepEqual(
      warningsOf("aws:runShellScript", { runCommand: ["ls"], workingDirectry: "/", onFailure: "exit" }),
      [`${path}.workingDirectry: is not an input of aws:runShellScript and is ignored`],
    );
  });
});

describe("plugin inputs: aws:runDocument", () => {
  it("accepts a stored or local document with parameters as an object or a string", () => {
    const ok = [
      { documentType: "SSMDocument", documentPath: "My-Doc", documentParameters: { a: "b" } },
      { documentType: "LocalPath", documentPath: "docs/run.json", documentParameters: '{"a":"{{ text }}"}' },
      { documentType: "{{ text }}", documentPath: "{{ text }}", documentParameters: "{{ map }}" },
    ];
    for (const inputs of ok) assert.deepEqual(warningsOf("aws:runDocument", inputs), []);
  });

  it("requires documentType and documentPath and checks their values", () => {
    rejects(doc("aws:runDocument", { documentPath: "x" }), `${path}.documentType: is required for aws:runDocument`);
    rejects(
      doc("aws:runDocument", { documentType: "SSMDocument" }),
      `${path}.documentPath: is required for aws:runDocument`,
    );
    rejects(
      doc("aws:runDocument", { documentType: "S3", documentPath: "x" }),
      `${path}.documentType: must be one of SSMDocument, LocalPath`,
    );
    rejects(
      doc("aws:runDocument", { documentType: "SSMDocument", documentPath: "" }),
      `${path}.documentPath: must not be empty`,
    );
    rejects(
      doc("aws:runDocument", { documentType: "SSMDocument", documentPath: "x", documentParameters: ["a"] }),
      `${path}.documentParameters: must be an object or a string`,
    );
    rejects(
      doc("aws:runDocument", { documentType: "SSMDocument", documentPath: "x", documentParameters: "{{ lines }}" }),
      `${path}.documentParameters: parameter "lines" is of type StringList, but this input takes String or StringMap`,
    );
  });
});

describe("plugin inputs: aws:downloadContent", () => {
  it("accepts each source type with sourceInfo as an object or JSON text", () => {
    const ok = [
      { sourceType: "HTTP", sourceInfo: { url: "https://example.com/a.sh" }, destinationPath: "/tmp/a.sh" },
      { sourceType: "S3", sourceInfo: '{"path":"https://bucket/key"}' },
      { sourceType: "GitHub", sourceInfo: { owner: "o", repository: "r", path: "p" } },
      { sourceType: "SSMDocument", sourceInfo: "{{ map }}" },
    ];
    for (const inputs of ok) assert.deepEqual(warningsOf("aws:downloadContent", inputs), []);
  });

  it("requires sourceType and sourceInfo and checks them", () => {
    rejects(doc("aws:downloadContent", { sourceInfo: {} }), `${path}.sourceType: is required for aws:downloadContent`);
    rejects(
      doc("aws:downloadContent", { sourceType: "HTTP" }),
      `${path}.sourceInfo: is required for aws:downloadContent`,
    );
    rejects(
      doc("aws:downloadContent", { sourceType: "FTP", sourceInfo: {} }),
      `${path}.sourceType: must be one of GitHub, S3, HTTP, SSMDocument`,
    );
    rejects(
      doc("aws:downloadContent", { sourceType: "HTTP", sourceInfo: "https://example.com" }),
      `${path}.sourceInfo: must be an object, or a JSON object written as a string`,
    );
    rejects(
      doc("aws:downloadContent", { sourceType: "HTTP", sourceInfo: {}, destinationPath: ["/tmp"] }),
      `${path}.destinationPath: must be a string`,
    );
  });
});
