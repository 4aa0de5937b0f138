import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeExecutionTimeout } from "./execution-timeout.ts";

test("accepts 5–172800 seconds as numbers or numeric strings", () => {
  assert.equal(normalizeExecutionTimeout(5), 5);
  assert.equal(normalizeExecutionTimeout(172_800), 172_800);
  assert.equal(normalizeExecutionTimeout("600"), 600);
  assert.equal(normalizeExecutionTimeout(" 90 "), 90);
});

test("falls back to 3600 outside the range or when unparsable", () => {
  for (const value of [4, 172_801, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, "abc", "", undefined, null, {}]) {
    assert.equal(normalizeExecutionTimeout(value), 3600, String(value));
  }
});
