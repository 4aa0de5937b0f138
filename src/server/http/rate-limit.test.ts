import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimiter } from "./rate-limit.ts";

test("a caller gets its burst at once, then the steady rate", () => {
  let t = 0;
  const limiter = new RateLimiter(10, 5, () => t);
  const first = Array.from({ length: 7 }, () => limiter.take("AKID1"));
  assert.deepEqual(first, [true, true, true, true, true, false, false]);
  t += 100; // 10/s → one token per 100 ms
  assert.equal(limiter.take("AKID1"), true);
  assert.equal(limiter.take("AKID1"), false);
});

test("callers are limited independently", () => {
  const t = 0;
  const limiter = new RateLimiter(1, 1, () => t);
  assert.equal(limiter.take("a"), true);
  assert.equal(limiter.take("a"), false);
  assert.equal(limiter.take("b"), true);
});

test("idle callers are forgotten", () => {
  let t = 0;
  const limiter = new RateLimiter(10, 5, () => t);
  limiter.take("a");
  limiter.take("b");
  t += 60_000;
  limiter.take("c");
  assert.equal(limiter.size, 1);
});
