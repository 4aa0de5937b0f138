import assert from "node:assert/strict";
import { test } from "node:test";
import { commandLines } from "./plugin.ts";

test("runCommand as a list, a string, or a list holding an interpolated list", () => {
  assert.deepEqual(commandLines(["a", "b"]), ["a", "b"]);
  assert.deepEqual(commandLines("a\nb"), ["a\nb"]);
  assert.deepEqual(commandLines([["a", "b"], "c"]), ["a", "b", "c"]);
  assert.deepEqual(commandLines(undefined), []);
});
