import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_DOCUMENTS } from "./builtin-documents.ts";
import { injectionWarnings } from "./injection-lint.ts";
import { parseDocument } from "./parse-document.ts";
import { validateDocument } from "./validate-document.ts";

const lint = (doc: unknown) => injectionWarnings(parseDocument(JSON.stringify(doc)));
const doc22 = (parameters: Record<string, unknown>, runCommand: unknown, action = "aws:runShellScript") => ({
  schemaVersion: "2.2",
  parameters,
  mainSteps: [
    { action: "aws:runShellScript", name: "first", inputs: { runCommand: ["true"] } },
    { action, name: "s", inputs: { runCommand } },
  ],
});
const spliced = (name: string, path: string) =>
  `parameter "${name}" is spliced into ${path} without allowedPattern or allowedValues: a value like x"; rm -rf / #" could run as a command — add allowedPattern or use interpolationType ENV_VAR and read $SSM_${name}`;

describe("injectionWarnings", () => {
  it("flags an unconstrained parameter spliced into a runCommand line, once per parameter and line", () => {
    const warnings = lint(doc22({ name: { type: "String" } }, ["echo start", 'echo "{{ name }}" {{name}}']));
    assert.deepEqual(warnings, [spliced("name", "mainSteps[1].inputs.runCommand[1]")]);
  });

  it("flags a substring of a one-string runCommand, in PowerShell too", () => {
    const warnings = lint(doc22({ name: { type: "String" } }, "Write-Output {{ name }}", "aws:runPowerShellScript"));
    assert.deepEqual(warnings, [spliced("name", "mainSteps[1].inputs.runCommand")]);
  });

  it("flags StringList, StringMap and MapList values spliced as text", () => {
    const parameters = { hosts: { type: "StringList" }, tags: { type: "StringMap" }, rows: { type: "MapList" } };
    const warnings = lint(doc22(parameters, ["ping {{ hosts }}", "echo {{ tags }} {{ rows }}"]));
    assert.deepEqual(warnings, [
      spliced("hosts", "mainSteps[1].inputs.runCommand[0]"),
      spliced("tags", "mainSteps[1].inputs.runCommand[1]"),
      spliced("rows", "mainSteps[1].inputs.runCommand[1]"),
    ]);
  });

  it("does not flag parameters with allowedPattern or allowedValues, nor Integer and Boolean ones", () => {
    const parameters = {
      pattern: { type: "String", allowedPattern: "^[a-z]+$" },
      choice: { type: "String", allowedValues: ["a", "b"] },
      count: { type: "Integer" },
      flag: { type: "Boolean" },
    };
    assert.deepEqual(lint(doc22(parameters, ["echo {{ pattern }} {{ choice }} {{ count }} {{ flag }}"])), []);
  });

  it("treats an empty allowedValues list as no constraint", () => {
    const warnings = lint(doc22({ p: { type: "String", allowedValues: [] } }, ["echo {{ p }}"]));
    assert.deepEqual(warnings, [spliced("p", "mainSteps[1].inputs.runCommand[0]")]);
  });

  it("does not flag a whole-value String/StringList placeholder: the caller supplies the script", () => {
    for (const builtin of BUILTIN_DOCUMENTS) assert.deepEqual(injectionWarnings(parseDocument(builtin.content)), []);
    const parameters = { commands: { type: "StringList" }, command: { type: "String" } };
    assert.deepEqual(lint(doc22(parameters, "{{ commands }}")), []);
    assert.deepEqual(lint(doc22(parameters, "{{ command }}")), []);
    assert.deepEqual(lint(doc22(parameters, ["set -e", "{{ commands }}", "{{command}}"])), []);
  });

  it("does not look outside script text", () => {
    const doc = {
      schemaVersion: "2.2",
      parameters: { dir: { type: "String" } },
      mainSteps: [
        { action: "aws:runShellScript", name: "s", inputs: { runCommand: ["ls"], workingDirectory: "/srv/{{ dir }}" } },
        { action: "aws:runDocument", name: "d", inputs: { documentType: "SSMDocument", documentPath: "x-{{ dir }}" } },
      ],
    };
    assert.deepEqual(lint(doc), []);
  });

  it("still flags an ENV_VAR parameter whose placeholder is in the text, saying to read $SSM_<name>", () => {
    const parameters = { msg: { type: "String", interpolationType: "ENV_VAR" } };
    assert.deepEqual(lint(doc22(parameters, ['echo "$SSM_msg"'])), []);
    assert.deepEqual(lint(doc22(parameters, ["echo {{ msg }}"])), [
      'parameter "msg" has interpolationType ENV_VAR but {{ msg }} is still spliced into mainSteps[1].inputs.runCommand[0] without allowedPattern or allowedValues: the placeholder is replaced in the script text too — read "$SSM_msg" instead, or add allowedPattern',
    ]);
  });

  it("names schema 1.2 locations by plugin and property", () => {
    const doc = {
      schemaVersion: "1.2",
      parameters: { name: { type: "String" } },
      runtimeConfig: {
        "aws:runShellScript": { properties: [{ runCommand: ["ls"] }, { runCommand: ["echo {{ name }}"] }] },
      },
    };
    assert.deepEqual(lint(doc), [spliced("name", 'runtimeConfig["aws:runShellScript"].properties[1].runCommand[0]')]);
  });

  it("is reported by validateDocument as warnings", () => {
    const { warnings } = validateDocument(JSON.stringify(doc22({ name: { type: "String" } }, ["echo {{ name }}"])));
    assert.deepEqual(warnings, [spliced("name", "mainSteps[1].inputs.runCommand[0]")]);
  });
});
