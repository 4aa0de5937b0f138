import assert from "node:assert/strict";
import { test } from "node:test";
import { exitStatusOf, isTerminalStatus } from "./exit-status.ts";

test("exit status: 0 Success, 1 Failed or Incomplete, 2 TimedOut, Cancelled and anything else", () => {
  assert.equal(exitStatusOf("Success", "Success"), 0);
  assert.equal(exitStatusOf("Failed", "Failed"), 1);
  assert.equal(exitStatusOf("Failed", "Incomplete"), 1);
  assert.equal(exitStatusOf("Failed", "Undeliverable"), 1);
  assert.equal(exitStatusOf("TimedOut", "DeliveryTimedOut"), 2);
  assert.equal(exitStatusOf("TimedOut", "ExecutionTimedOut"), 2);
  assert.equal(exitStatusOf("Cancelled", "Cancelled"), 2);
  assert.equal(exitStatusOf(undefined), 2);
});

test("only Success, Failed, TimedOut and Cancelled end the wait", () => {
  for (const s of ["Success", "Failed", "TimedOut", "Cancelled"]) assert.equal(isTerminalStatus(s), true, s);
  for (const s of ["Pending", "InProgress", "Cancelling", undefined]) assert.equal(isTerminalStatus(s), false, s);
});
