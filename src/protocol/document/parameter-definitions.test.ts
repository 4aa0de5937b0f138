import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { parseParameterDefinitions } from "./parameter-definitions.ts";

function rejects(raw: unknown, fragment: string): void {
  assert.throws(
    () => parseParameterDefinitions(raw),
    (error: unknown) => error instanceof SsmError && error.message.includes(fragment),
  );
}

describe("parseParameterDefinitions", () => {
  it("normalises every field: numeric limits from strings, allowedValues as text, empty pattern dropped", () => {
    const defs = parseParameterDefinitions({
      name: {
        type: "String",
        description: "who",
        default: "world",
        allowedValues: ["a", 1, true],
        allowedPattern: "",
        minChars: "1",
        maxChars: 10,
        displayType: "textfield",
        interpolationType: "ENV_VAR",
        unknownKey: "ignored",
      },
      list: { type: "StringList", minItems: 1, maxItems: "3", allowedPattern: "^[a-z]+$" },
    });
    assert.deepEqual(defs, {
      name: {
        type: "String",
        description: "who",
        default: "world",
        allowedValues: ["a", "1", "true"],
        minChars: 1,
        maxChars: 10,
        displayType: "textfield",
        interpolationType: "ENV_VAR",
      },
      list: { type: "StringList", minItems: 1, maxItems: 3, allowedPattern: "^[a-z]+$" },
    });
  });

  it("treats a missing section as no parameters", () => {
    assert.deepEqual(parseParameterDefinitions(undefined), {});
    assert.deepEqual(parseParameterDefinitions(null), {});
  });

  it("rejects broken definitions with the path of the field", () => {
    rejects([], "parameters: must be a map");
    rejects({ p: "String" }, "parameters.p: must be a parameter definition object");
    rejects({ p: {} }, "parameters.p.type: must be one of String, StringList, Boolean, Integer, MapList, StringMap");
    rejects({ p: { type: "String", description: 3 } }, "parameters.p.description: must be a string");
    rejects({ p: { type: "String", allowedValues: "a" } }, "parameters.p.allowedValues: must be a list");
    rejects({ p: { type: "String", allowedValues: [{}] } }, "parameters.p.allowedValues[0]: must be a string");
    rejects({ p: { type: "String", minChars: -1 } }, "parameters.p.minChars: must be a non-negative integer");
    rejects({ p: { type: "String", maxItems: 1.5 } }, "parameters.p.maxItems: must be a non-negative integer");
    rejects({ p: { type: "String", interpolationType: "SHELL" } }, 'parameters.p.interpolationType: must be "ENV_VAR"');
  });

  it("rejects an allowedPattern that cannot be compiled", () => {
    rejects({ p: { type: "String", allowedPattern: "([a-z]" } }, "parameters.p.allowedPattern: invalid pattern");
    rejects({ "my-param": { type: "String", allowedPattern: "(?U)a+" } }, 'parameters["my-param"].allowedPattern');
  });
});
