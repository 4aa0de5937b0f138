import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { concurrencyLimit, errorBudget } from "./rate-control.ts";

/** The error count at which sending stops: the first one that exceeds the budget. */
const stopsAtError = (maxErrors: string, targets: number) => errorBudget(maxErrors, targets) + 1;

describe("concurrencyLimit", () => {
  test("an absolute number is taken as is, whatever the target count", () => {
    assert.equal(concurrencyLimit("10", 100), 10);
    assert.equal(concurrencyLimit("50", 3), 50);
    assert.equal(concurrencyLimit("1", 1000), 1);
  });

  test("a percentage of the targets rounds up", () => {
    assert.equal(concurrencyLimit("10%", 50), 5);
    assert.equal(concurrencyLimit("15%", 10), 2);
    assert.equal(concurrencyLimit("33%", 10), 4);
  });

  test("1% of 10 targets still sends to one node at a time (never 0)", () => {
    assert.equal(concurrencyLimit("1%", 10), 1);
    assert.equal(concurrencyLimit("50%", 0), 1);
  });

  test("100% sends to every target at once", () => {
    assert.equal(concurrencyLimit("100%", 7), 7);
    assert.equal(concurrencyLimit("100%", 1234), 1234);
  });
});

describe("errorBudget", () => {
  test("an absolute number is the number of tolerated errors: 3 stops at the 4th", () => {
    assert.equal(errorBudget("3", 100), 3);
    assert.equal(stopsAtError("3", 100), 4);
  });

  test("the documented example: 10% of 50 stops at the 6th error", () => {
    assert.equal(errorBudget("10%", 50), 5);
    assert.equal(stopsAtError("10%", 50), 6);
  });

  test("a percentage rounds down: 25% of 10 tolerates 2", () => {
    assert.equal(errorBudget("25%", 10), 2);
    assert.equal(errorBudget("19%", 10), 1);
  });

  test("1% of 10 tolerates no error (no minimum of 1 for errors)", () => {
    assert.equal(errorBudget("1%", 10), 0);
  });

  test("100% tolerates every target failing", () => {
    assert.equal(errorBudget("100%", 10), 10);
  });

  test("0 and 0% stop after the first error", () => {
    assert.equal(errorBudget("0", 10), 0);
    assert.equal(errorBudget("0%", 10), 0);
    assert.equal(stopsAtError("0", 10), 1);
  });
});
