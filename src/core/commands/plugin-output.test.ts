import assert from "node:assert/strict";
import { test } from "node:test";
import { pluginOutput } from "./plugin-output.ts";

test("short output is stdout, the separator and stderr", () => {
  assert.equal(pluginOutput("out\n", ""), "out\n");
  assert.equal(pluginOutput("out\n", "err\n"), "out\n\n----------ERROR-------\nerr\n");
});

test("long stdout alone is cut to 2,500 characters with the output marker", () => {
  const out = pluginOutput("o".repeat(5000), "");
  assert.equal(out.length, 2500);
  assert.match(out, /\n---Output truncated---$/);
});

test("when both are long each keeps a share and its own marker; stderr is never dropped", () => {
  const out = pluginOutput("o".repeat(5000), "e".repeat(5000));
  assert.ok(out.length <= 2500, `length ${out.length}`);
  const [head, tail] = out.split("\n----------ERROR-------\n");
  assert.match(head ?? "", /^o+\n---Output truncated---$/);
  assert.match(tail ?? "", /^e+\n---Error truncated----$/);
  assert.ok((tail ?? "").length >= 1000);
});

test("a short stdout leaves the rest of the budget to stderr", () => {
  const out = pluginOutput("ok\n", "e".repeat(5000));
  assert.ok(out.startsWith("ok\n\n----------ERROR-------\n"));
  assert.equal(out.length, 2500);
});
