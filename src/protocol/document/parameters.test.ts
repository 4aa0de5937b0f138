import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { checkTypedParameters, resolveParameters } from "./parameters.ts";
import type { ParameterDefinition } from "./types.ts";

type Defs = Record<string, ParameterDefinition>;

function invalid(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SsmError);
    assert.equal(error.code, "InvalidParameters");
    assert.equal(error.message, message);
    return true;
  });
}

const shellDefs: Defs = {
  commands: { type: "StringList", minItems: 1 },
  workingDirectory: { type: "String", default: "", maxChars: 4096 },
  executionTimeout: {
    type: "String",
    default: "3600",
    allowedPattern: "([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)",
  },
};

describe("resolveParameters: typing and defaults", () => {
  it("types API string lists and fills in defaults", () => {
    assert.deepEqual(resolveParameters(shellDefs, { commands: ["echo hi", "ls"] }), {
      commands: ["echo hi", "ls"],
      workingDirectory: "",
      executionTimeout: "3600",
    });
  });

  it("types Boolean, Integer, StringMap and MapList values", () => {
    const defs: Defs = {
      flag: { type: "Boolean" },
      count: { type: "Integer" },
      tags: { type: "StringMap" },
      rows: { type: "MapList" },
      more: { type: "MapList" },
    };
    assert.deepEqual(
      resolveParameters(defs, {
        flag: ["TRUE"],
        count: ["-42"],
        tags: ['{"env":"prod"}'],
        rows: ['[{"a":1},{"b":2}]'],
        more: ['{"a":1}', '{"b":2}'],
      }),
      { flag: true, count: -42, tags: { env: "prod" }, rows: [{ a: 1 }, { b: 2 }], more: [{ a: 1 }, { b: 2 }] },
    );
  });

  it("rejects names the document does not define and required parameters left out", () => {
    invalid(
      () => resolveParameters(shellDefs, { commands: ["ls"], bogus: ["x"] }),
      'Parameter "bogus" is not defined in the document.',
    );
    invalid(
      () => resolveParameters(shellDefs, {}),
      'Parameter "commands" is required: the document gives it no default value.',
    );
    invalid(
      () => resolveParameters(shellDefs, undefined),
      'Parameter "commands" is required: the document gives it no default value.',
    );
    invalid(
      () => resolveParameters({}, { constructor: ["x"] }),
      'Parameter "constructor" is not defined in the document.',
    );
  });

  it("rejects more than one value for single-valued types", () => {
    invalid(
      () => resolveParameters(shellDefs, { commands: ["ls"], workingDirectory: ["/a", "/b"] }),
      'Parameter "workingDirectory" is of type String and takes exactly one value, but 2 were given.',
    );
    invalid(
      () => resolveParameters({ flag: { type: "Boolean" } }, { flag: [] }),
      'Parameter "flag" is of type Boolean and takes exactly one value, but 0 were given.',
    );
  });

  it("rejects Boolean, Integer, StringMap and MapList text that does not parse", () => {
    invalid(
      () => resolveParameters({ f: { type: "Boolean" } }, { f: ["yes"] }),
      'Parameter "f" is of type Boolean: "yes" is not true or false.',
    );
    invalid(
      () => resolveParameters({ n: { type: "Integer" } }, { n: ["1.5"] }),
      'Parameter "n" is of type Integer: "1.5" is not a 32-bit whole number.',
    );
    invalid(
      () => resolveParameters({ n: { type: "Integer" } }, { n: ["2147483648"] }),
      'Parameter "n" is of type Integer: "2147483648" is not a 32-bit whole number.',
    );
    invalid(
      () => resolveParameters({ m: { type: "StringMap" } }, { m: ["[1]"] }),
      'Parameter "m" is of type StringMap: the value must be a JSON object.',
    );
    invalid(
      () => resolveParameters({ m: { type: "MapList" } }, { m: ["{}", "x"] }),
      'Parameter "m" is of type MapList: each value must be a JSON object.',
    );
  });
});

describe("resolveParameters: document rules", () => {
  it("checks allowedPattern on every item of a StringList, matching anywhere", () => {
    const defs: Defs = { hosts: { type: "StringList", allowedPattern: "^[a-z]+$" } };
    assert.deepEqual(resolveParameters(defs, { hosts: ["web", "db"] }), { hosts: ["web", "db"] });
    invalid(
      () => resolveParameters(defs, { hosts: ["web", "db;rm"] }),
      'Parameter "hosts": value "db;rm" does not match the allowed pattern ^[a-z]+$.',
    );
    // AWS-RunShellScript's own pattern is unanchored: it finds "5" inside "abc5".
    assert.equal(
      resolveParameters(shellDefs, { commands: ["ls"], executionTimeout: ["abc5"] }).executionTimeout,
      "abc5",
    );
    invalid(
      () => resolveParameters(shellDefs, { commands: ["ls"], executionTimeout: ["0"] }),
      `Parameter "executionTimeout": value "0" does not match the allowed pattern ${shellDefs.executionTimeout?.allowedPattern}.`,
    );
  });

  it("checks allowedValues", () => {
    const defs: Defs = { level: { type: "String", allowedValues: ["low", "high"] } };
    assert.deepEqual(resolveParameters(defs, { level: ["high"] }), { level: "high" });
    invalid(
      () => resolveParameters(defs, { level: ["mid"] }),
      'Parameter "level": value "mid" is not one of the allowed values: low, high.',
    );
  });

  it("checks minItems and maxItems", () => {
    const defs: Defs = { items: { type: "StringList", minItems: 1, maxItems: 2 } };
    assert.deepEqual(resolveParameters(defs, { items: ["a", "b"] }), { items: ["a", "b"] });
    invalid(() => resolveParameters(defs, { items: [] }), 'Parameter "items" has 0 item(s), fewer than minItems 1.');
    invalid(
      () => resolveParameters(defs, { items: ["a", "b", "c"] }),
      'Parameter "items" has 3 item(s), more than maxItems 2.',
    );
  });

  it("checks minChars and maxChars, showing at most 100 characters of a value", () => {
    const defs: Defs = { name: { type: "String", minChars: 2, maxChars: 5 } };
    assert.deepEqual(resolveParameters(defs, { name: ["abcde"] }), { name: "abcde" });
    invalid(() => resolveParameters(defs, { name: ["a"] }), 'Parameter "name": value "a" is shorter than minChars 2.');
    invalid(
      () => resolveParameters(defs, { name: ["abcdef"] }),
      'Parameter "name": a value of 6 characters exceeds maxChars 5.',
    );
    const long = "x".repeat(500);
    invalid(
      () => resolveParameters({ p: { type: "String", allowedPattern: "^y" } }, { p: [long] }),
      `Parameter "p": value "${"x".repeat(100)}…" does not match the allowed pattern ^y.`,
    );
  });

  it("leaves values holding a {{ssm:...}} reference to the agent's check", () => {
    const defs: Defs = { port: { type: "String", allowedPattern: "^[0-9]+$" } };
    assert.deepEqual(resolveParameters(defs, { port: ["{{ssm:/app/port}}"] }), { port: "{{ssm:/app/port}}" });
    invalid(
      () => checkTypedParameters(defs, { port: "80; rm" }),
      'Parameter "port": value "80; rm" does not match the allowed pattern ^[0-9]+$.',
    );
  });
});

describe("checkTypedParameters", () => {
  it("accepts values that satisfy their definitions", () => {
    checkTypedParameters(shellDefs, { commands: ["ls"], workingDirectory: "/tmp", executionTimeout: "60" });
    checkTypedParameters({ n: { type: "Integer", allowedValues: ["1", "2"] } }, { n: 2 });
    checkTypedParameters({ m: { type: "StringMap", maxItems: 1 } }, { m: { a: "b" } });
  });

  it("re-checks allowedPattern, allowedValues and limits with the SendCommand messages", () => {
    invalid(
      () => checkTypedParameters(shellDefs, { executionTimeout: "0" }),
      `Parameter "executionTimeout": value "0" does not match the allowed pattern ${shellDefs.executionTimeout?.allowedPattern}.`,
    );
    invalid(
      () => checkTypedParameters(shellDefs, { commands: [] }),
      'Parameter "commands" has 0 item(s), fewer than minItems 1.',
    );
    invalid(
      () => checkTypedParameters({ n: { type: "Integer", allowedValues: ["1"] } }, { n: 3 }),
      'Parameter "n": value "3" is not one of the allowed values: 1.',
    );
    invalid(
      () => checkTypedParameters({ m: { type: "StringMap", maxItems: 1 } }, { m: { a: "1", b: "2" } }),
      'Parameter "m" has 2 item(s), more than maxItems 1.',
    );
    invalid(() => checkTypedParameters(shellDefs, { other: "x" }), 'Parameter "other" is not defined in the document.');
  });

  it("rejects values of the wrong shape", () => {
    invalid(
      () => checkTypedParameters(shellDefs, { commands: "ls" }),
      'Parameter "commands" is of type StringList: expected a list of strings.',
    );
    invalid(
      () => checkTypedParameters({ f: { type: "Boolean" } }, { f: "true" }),
      'Parameter "f" is of type Boolean: expected true or false.',
    );
    invalid(
      () => checkTypedParameters({ m: { type: "MapList" } }, { m: [1] }),
      'Parameter "m" is of type MapList: expected a list of objects.',
    );
  });

  it("checks MapList items and StringMap values as Go JSON text against allowedPattern", () => {
    const defs: Defs = { m: { type: "StringMap", allowedPattern: '^\\{"a":"<"\\}$' } };
    invalid(
      () => checkTypedParameters(defs, { m: { a: "<" } }),
      `Parameter "m": value "{\\"a\\":\\"\\\\u003c\\"}" does not match the allowed pattern ^\\{"a":"<"\\}$.`,
    );
    checkTypedParameters({ m: { type: "MapList", allowedPattern: '^\\{"a":1,"b":2\\}$' } }, { m: [{ b: 2, a: 1 }] });
  });
});
