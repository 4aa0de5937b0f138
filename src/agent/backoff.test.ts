import assert from "node:assert/strict";
import { test } from "node:test";
import { Backoff } from "./backoff.ts";

test("reconnect delays grow exponentially up to the cap and restart after reset", () => {
  const b = new Backoff(500, 8000);
  const highest = () => 1;
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map(() => b.next(highest)),
    [500, 1000, 2000, 4000, 8000, 8000],
  );
  b.reset();
  assert.equal(b.next(highest), 500);
});

test("jitter spreads delays between half the base and the ceiling", () => {
  const b = new Backoff(1000, 60_000);
  for (let i = 0; i < 5; i++) b.next();
  const lowest = b.next(() => 0);
  assert.equal(lowest, 500);
});
