import assert from "node:assert/strict";
import { test } from "node:test";
import { splitTarget } from "./parse-query.ts";

test("the path stays encoded and the query is decoded, keeping '+' literal", () => {
  const { path, query } = splitTarget("/a%20b/?x=1%2F2&plus=a+b&flag&x=3");
  assert.equal(path, "/a%20b/");
  assert.deepEqual({ ...query }, { x: ["1/2", "3"], plus: "a+b", flag: "" });
});

test("an empty target is the root and a malformed escape is kept as sent", () => {
  assert.equal(splitTarget("").path, "/");
  assert.deepEqual({ ...splitTarget("/?p=100%").query }, { p: "100%" });
});
