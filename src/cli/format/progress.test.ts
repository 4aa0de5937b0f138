import assert from "node:assert/strict";
import { test } from "node:test";
import { renderProgress } from "./progress.ts";

test("the bar shows done, failed and pending targets in proportion, with the counts and time", () => {
  assert.equal(
    renderProgress({ total: 10, done: 5, failed: 2, pending: 3 }, 3400, 10),
    "[#####xx...] 5/10 done · 2 failed · 3 pending · 3s",
  );
  assert.equal(
    renderProgress({ total: 3, done: 3, failed: 0, pending: 0 }, 0, 6),
    "[######] 3/3 done · 0 failed · 0 pending · 0s",
  );
});

test("a single failure among many still shows, and a nearly done bar is not drawn full", () => {
  const line = renderProgress({ total: 1000, done: 998, failed: 1, pending: 1 }, 0, 20);
  assert.match(line, /^\[#{19}x\]/);
  assert.match(renderProgress({ total: 1000, done: 999, failed: 0, pending: 1 }, 0, 20), /^\[#{19}\.\]/);
});

test("before targets are known it says so", () => {
  assert.equal(
    renderProgress({ total: 0, done: 0, failed: 0, pending: 0 }, 1000, 5),
    "[.....] waiting for targets · 1s",
  );
});
