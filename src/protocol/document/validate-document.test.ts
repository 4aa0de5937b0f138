import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { BUILTIN_DOCUMENTS } from "./builtin-documents.ts";
import { validateDocument } from "./validate-document.ts";

/** Asserts that validation fails with exactly `message` (or a message matching it) and `code`. */
function rejects(doc: unknown, message: string | RegExp, code = "InvalidDocumentContent"): void {
  assert.throws(
    () => validateDocument(typeof doc === "string" ? doc : JSON.stringify(doc)),
    (error: unknown) => {
      assert.ok(error instanceof SsmError, String(error));
      if (typeof message === "string") assert.equal(error.message, message);
      else assert.match(error.message, message);
      assert.equal(error.code, code);
      return true;
    },
  );
}

const warningsOf = (doc: unknown) => validateDocument(JSON.stringify(doc)).warnings;
const shell = (runCommand: unknown = ["echo hi"]) => ({
  action: "aws:runShellScript",
  name: "s",
  inputs: { runCommand },
});
const withParams = (parameters: Record<string, unknown>, runCommand: unknown = ["echo hi"]) => ({
  schemaVersion: "2.2",
  parameters,
  mainSteps: [shell(runCommand)],
});

describe("validateDocument: schema versions and layout", () => {
  it("accepts the built-in documents without warnings and returns the parsed document", () => {
    for (const builtin of BUILTIN_DOCUMENTS) {
      const { document, warnings } = validateDocument(builtin.content);
      assert.deepEqual(warnings, [], builtin.name);
      if (!builtin.name.endsWith("Script")) continue;
      assert.equal(document.schemaVersion, "1.2");
      assert.equal(document.steps.length, 1);
    }
  });

  it("accepts 2.0 and 2.2 documents in JSON and YAML", () => {
    for (const schemaVersion of ["2.0", "2.2"]) {
      assert.deepEqual(warningsOf({ schemaVersion, mainSteps: [shell()] }), []);
    }
    const yaml =
      "schemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: s\n    inputs:\n      runCommand: [ls]\n";
    assert.equal(validateDocument(yaml, "YAML").document.steps[0]?.name, "s");
  });

  it("answers InvalidDocumentSchemaVersion for a schemaVersion Command documents cannot use", () => {
    rejects(
      { schemaVersion: "0.3", mainSteps: [shell()] },
      'schemaVersion: "0.3" is not supported for Command documents (use 1.2, 2.0 or 2.2)',
      "InvalidDocumentSchemaVersion",
    );
    rejects(
      "schemaVersion: 2.0\nmainSteps: []",
      "schemaVersion: 2 is not supported for Command documents (use 1.2, 2.0 or 2.2; quote it, it was read as the number 2)",
      "InvalidDocumentSchemaVersion",
    );
  });

  it("answers InvalidDocumentContent for a missing schemaVersion or broken text", () => {
    rejects({ mainSteps: [shell()] }, "schemaVersion: is required");
    assert.throws(() => validateDocument("{ a: ["), /neither valid JSON nor valid YAML/);
  });

  it("requires runtimeConfig without mainSteps in 1.2, and mainSteps without runtimeConfig in 2.x", () => {
    const runtimeConfig = { "aws:runShellScript": { properties: [{ runCommand: ["ls"] }] } };
    rejects(
      { schemaVersion: "1.2", runtimeConfig, mainSteps: [shell()] },
      "mainSteps: is not allowed in schema 1.2, which uses runtimeConfig",
    );
    rejects({ schemaVersion: "1.2", mainSteps: [shell()] }, "runtimeConfig: is required for schema 1.2");
    rejects(
      { schemaVersion: "2.2", runtimeConfig, mainSteps: [shell()] },
      "runtimeConfig: is not allowed in schema 2.2, which uses mainSteps",
    );
    rejects({ schemaVersion: "2.0", runtimeConfig }, "mainSteps: is required for schema 2.x");
  });

  it("warns about top-level fields it ignores", () => {
    assert.deepEqual(warningsOf({ schemaVersion: "2.2", mainSteps: [shell()], outputs: [] }), [
      "outputs: is not a Command document field and is ignored",
    ]);
  });
});

describe("validateDocument: parameter definitions", () => {
  it("accepts every type with a default that fits, including a Parameter Store reference", () => {
    const parameters = {
      text: { type: "String", default: "a", allowedPattern: "^[a-z]+$", minChars: 1, maxChars: 3 },
      list: { type: "StringList", default: ["a"], minItems: 1, maxItems: 2 },
      flag: { type: "Boolean", default: true },
      count: { type: "Integer", default: 3 },
      rows: { type: "MapList", default: [{ a: "b" }] },
      tags: { type: "StringMap", default: { env: "prod" } },
      fromStore: { type: "StringList", default: "{{ ssm:myShellCommands }}" },
      choice: { type: "String", default: "Install", allowedValues: ["Install", "Uninstall"] },
    };
    assert.deepEqual(warningsOf(withParams(parameters)), []);
  });

  it("rejects parameter names the agent cannot substitute", () => {
    rejects(
      withParams({ my_param: { type: "String" } }),
      "parameters.my_param: parameter names must be letters and digits only (^[a-zA-Z0-9]+$): the agent substitutes {{ name }} for no other names",
    );
    rejects(withParams({ "my-param": { type: "String" } }), /^parameters\["my-param"\]: parameter names/);
  });

  it("rejects a default that does not fit its type or its own rules", () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { type: "String", default: 5 },
        'parameters.p.default: the default value does not fit: Parameter "p" is of type String: expected a string.',
      ],
      [
        { type: "Integer", default: "3" },
        'parameters.p.default: the default value does not fit: Parameter "p" is of type Integer: expected a whole number.',
      ],
      [
        { type: "StringList", default: "a" },
        'parameters.p.default: the default value does not fit: Parameter "p" is of type StringList: expected a list of strings.',
      ],
      [
        { type: "String", default: "c", allowedValues: ["a", "b"] },
        'parameters.p.default: the default value does not fit: Parameter "p": value "c" is not one of the allowed values: a, b.',
      ],
      [
        { type: "String", default: "A", allowedPattern: "^[a-z]+$" },
        'parameters.p.default: the default value does not fit: Parameter "p": value "A" does not match the allowed pattern ^[a-z]+$.',
      ],
      [
        { type: "StringList", default: [], minItems: 1 },
        'parameters.p.default: the default value does not fit: Parameter "p" has 0 item(s), fewer than minItems 1.',
      ],
      [{ type: "String", default: null }, "parameters.p.default: must not be null"],
    ];
    for (const [definition, message] of cases) rejects(withParams({ p: definition }), message);
  });

  it("rejects limits out of order, unknown display types and allowedValues outside allowedPattern", () => {
    rejects(
      withParams({ p: { type: "StringList", minItems: 3, maxItems: 2 } }),
      "parameters.p.minItems: 3 is greater than maxItems 2",
    );
    rejects(
      withParams({ p: { type: "String", minChars: 5, maxChars: 4 } }),
      "parameters.p.minChars: 5 is greater than maxChars 4",
    );
    rejects(
      withParams({ p: { type: "String", displayType: "checkbox" } }),
      "parameters.p.displayType: must be one of textfield, textarea",
    );
    rejects(
      withParams({ p: { type: "String", allowedPattern: "^[a-z]+$", allowedValues: ["ok", "NO"] } }),
      'parameters.p.allowedValues[1]: "NO" does not match allowedPattern ^[a-z]+$',
    );
  });

  it("keeps the definition errors parseDocument reports, with their paths", () => {
    rejects(
      withParams({ p: { type: "Text" } }),
      "parameters.p.type: must be one of String, StringList, Boolean, Integer, MapList, StringMap",
    );
    rejects(
      withParams({ p: { type: "String", allowedPattern: "([a-z]" } }),
      /^parameters\.p\.allowedPattern: invalid pattern/,
    );
    rejects(
      withParams({ p: { type: "String", allowedValues: "a" } }),
      "parameters.p.allowedValues: must be a list of strings",
    );
    rejects(
      withParams({ p: { type: "String", maxChars: -1 } }),
      "parameters.p.maxChars: must be a non-negative integer",
    );
    rejects(
      withParams({ p: { type: "String", interpolationType: "SHELL" } }),
      'parameters.p.interpolationType: must be "ENV_VAR"',
    );
  });

  it("warns about definition fields it ignores, such as a misspelt allowedPattern", () => {
    const warnings = warningsOf(withParams({ p: { type: "String", allowedPatern: "^[a-z]+$", default: "x" } }));
    assert.deepEqual(warnings, ["parameters.p.allowedPatern: is not a parameter field and is ignored"]);
  });
});
