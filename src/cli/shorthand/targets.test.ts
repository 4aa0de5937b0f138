import assert from "node:assert/strict";
import { test } from "node:test";
import { parseKeyValues } from "./targets.ts";

test("--targets shorthand: one entry per argument, values always a list", () => {
  assert.deepEqual(
    parseKeyValues(["Key=tag:Role,Values=web,db", "Key=InstanceIds,Values=mi-0123456789abcdef0"], "--targets"),
    [
      { Key: "tag:Role", Values: ["web", "db"] },
      { Key: "InstanceIds", Values: ["mi-0123456789abcdef0"] },
    ],
  );
  assert.deepEqual(parseKeyValues(["Key=tag:Operating System,Values=Windows Server 2016 Nano"], "--targets"), [
    { Key: "tag:Operating System", Values: ["Windows Server 2016 Nano"] },
  ]);
});

test("--targets JSON: a list or a single object", () => {
  assert.deepEqual(
    parseKeyValues(['[{"Key":"tag:Env","Values":["prod"]}]', '{"Key":"tag-key","Values":["Role"]}'], "--targets"),
    [
      { Key: "tag:Env", Values: ["prod"] },
      { Key: "tag-key", Values: ["Role"] },
    ],
  );
});

test("--targets mistakes get messages that say what is wrong", () => {
  assert.throws(
    () => parseKeyValues(["Key=tag:Role"], "--targets"),
    /--targets: Key=tag:Role needs Values, as in Key=tag:Role,Values=web,db/,
  );
  assert.throws(
    () => parseKeyValues(["Key=tag:Role,Value=web"], "--targets"),
    /unknown key "Value"; valid keys are Key, Values/,
  );
  assert.throws(
    () => parseKeyValues(["tag:Role=web"], "--targets"),
    /--targets: unknown key "tag:Role"; valid keys are Key, Values/,
  );
  assert.throws(() => parseKeyValues(['[{"Key":"a",'], "--targets"), /--targets: invalid JSON/);
});
