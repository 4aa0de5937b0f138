import assert from "node:assert/strict";
import { test } from "node:test";
import { parseParameters } from "./parameters.ts";

test("--parameters shorthand in every form aws accepts, each value a list of strings", () => {
  assert.deepEqual(parseParameters(['commands=["echo hi","ls"]']), { commands: ["echo hi", "ls"] });
  assert.deepEqual(parseParameters(['commands="echo hi"']), { commands: ["echo hi"] });
  assert.deepEqual(parseParameters(["commands=echo hi"]), { commands: ["echo hi"] });
  assert.deepEqual(parseParameters(["workingDirectory=/tmp"]), { workingDirectory: ["/tmp"] });
  assert.deepEqual(parseParameters(['commands=["echo a,b"],workingDirectory=/tmp,executionTimeout=60']), {
    commands: ["echo a,b"],
    workingDirectory: ["/tmp"],
    executionTimeout: ["60"],
  });
  assert.deepEqual(parseParameters(["commands='echo \"quoted\"'"]), { commands: ['echo "quoted"'] });
});

test("--parameters JSON, and several arguments merge", () => {
  assert.deepEqual(parseParameters(['{"commands":["uname -a"]}']), { commands: ["uname -a"] });
  assert.deepEqual(parseParameters(['{"commands":"uname -a","executionTimeout":60}']), {
    commands: ["uname -a"],
    executionTimeout: ["60"],
  });
  assert.deepEqual(parseParameters(["commands=ls", "workingDirectory=/tmp", "commands=pwd"]), {
    commands: ["pwd"],
    workingDirectory: ["/tmp"],
  });
});

test("--parameters errors point at the problem", () => {
  assert.throws(() => parseParameters(["commands"]), /--parameters: expected '=', found the end of the input/);
  assert.throws(() => parseParameters(['commands=["ls"']), /--parameters: expected ','/);
  assert.throws(() => parseParameters(["[1,2]"]), /--parameters must be an object/);
  assert.throws(
    () => parseParameters(['{"commands":[{"a":1}]}']),
    /--parameters commands must be a string or a list of strings/,
  );
  assert.throws(
    () => parseParameters(["commands=ls"].map((s) => `${s},`)),
    /expected a key, found the end of the input/,
  );
});
