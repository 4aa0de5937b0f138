import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { InvocationDetails } from "./model.ts";
import { isExecuting, type RollupInput, rollUp } from "./status-rollup.ts";

type Counts = Partial<Record<InvocationDetails, number>>;

/** Rolls up `counts` with the target count taken from them unless given. */
function roll(counts: Counts, options: Partial<Omit<RollupInput, "counts">> = {}) {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return rollUp({ counts, targetCount: total, errorBudget: 0, cancelRequested: false, ...options });
}

/** Only the two fields a user filters on. */
function statusOf(counts: Counts, options: Partial<Omit<RollupInput, "counts">> = {}) {
  const { status, statusDetails } = roll(counts, options);
  return { status, statusDetails };
}

describe("rollUp: while invocations are open", () => {
  test("a command nothing was sent for yet is Pending", () => {
    assert.deepEqual(statusOf({ Pending: 3 }), { status: "Pending", statusDetails: "Pending" });
  });

  test("a command with an invocation in flight is InProgress", () => {
    assert.deepEqual(statusOf({ Pending: 2, InProgress: 1 }), { status: "InProgress", statusDetails: "InProgress" });
    assert.deepEqual(statusOf({ Success: 1, Delayed: 1 }), { status: "InProgress", statusDetails: "InProgress" });
  });

  test("an invocation refused at send time (InvalidPlatform) does not make a command InProgress: nothing was delivered", {}, () => {
    assert.deepEqual(statusOf({ InvalidPlatform: 1, Pending: 2 }), { status: "Pending", statusDetails: "Pending" });
  });

  test("a cancelled command is Cancelling until every invocation ended", () => {
    const cancelling = { status: "Cancelling", statusDetails: "Cancelling" };
    assert.deepEqual(statusOf({ Cancelling: 1, Cancelled: 2 }, { cancelRequested: true }), cancelling);
    assert.deepEqual(statusOf({ InProgress: 1, Success: 1 }, { cancelRequested: true }), cancelling);
  });

  test("Pending, InProgress, Cancelling are the executing statuses; the rest are final", () => {
    assert.deepEqual(
      (["Pending", "InProgress", "Cancelling", "Success", "Failed", "TimedOut", "Cancelled"] as const).filter(
        isExecuting,
      ),
      ["Pending", "InProgress", "Cancelling"],
    );
  });
});

describe("rollUp: once every invocation ended", () => {
  test("every invocation succeeded: Success", () => {
    assert.deepEqual(roll({ Success: 3 }), {
      status: "Success",
      statusDetails: "Success",
      completedCount: 3,
      errorCount: 0,
      deliveryTimedOutCount: 0,
    });
  });

  test("a tag that matched no node: Failed / NoInstancesInTag", () => {
    assert.deepEqual(statusOf({}, { targetCount: 0 }), { status: "Failed", statusDetails: "NoInstancesInTag" });
  });

  test("a cancel that stopped something: Cancelled, even if some invocations had already succeeded", () => {
    assert.deepEqual(statusOf({ Cancelled: 2, Success: 1 }, { cancelRequested: true }), {
      status: "Cancelled",
      statusDetails: "Cancelled",
    });
  });

  test("4 Undeliverable + 1 Success is Success: undeliverable nodes are left out", () => {
    assert.deepEqual(statusOf({ Undeliverable: 4, Success: 1 }), { status: "Success", statusDetails: "Success" });
  });

  test("InvalidPlatform and AccessDenied are left out the same way", () => {
    const success = { status: "Success", statusDetails: "Success" };
    assert.deepEqual(statusOf({ InvalidPlatform: 2, Success: 1 }), success);
    assert.deepEqual(statusOf({ AccessDenied: 2, Success: 1 }), success);
  });

  test("all Undeliverable (or otherwise refused) is Failed", () => {
    const failed = { status: "Failed", statusDetails: "Failed" };
    assert.deepEqual(statusOf({ Undeliverable: 5 }), failed);
    assert.deepEqual(statusOf({ Undeliverable: 1, InvalidPlatform: 1, AccessDenied: 1 }), failed);
  });

  test("MaxErrors 0 and one failure: Failed", () => {
    assert.deepEqual(statusOf({ Failed: 1, Success: 4 }), { status: "Failed", statusDetails: "Failed" });
  });

  test("errors reaching MaxErrors (not only exceeding it) make the command Failed", () => {
    assert.deepEqual(statusOf({ Failed: 2, Success: 3 }, { errorBudget: 2 }), {
      status: "Failed",
      statusDetails: "Failed",
    });
  });

  test("fewer errors than MaxErrors: Failed / Incomplete", () => {
    assert.deepEqual(statusOf({ Failed: 1, Success: 4 }, { errorBudget: 2 }), {
      status: "Failed",
      statusDetails: "Incomplete",
    });
  });

  test("invocations Terminated after MaxErrors count against Success: Failed", () => {
    assert.deepEqual(roll({ Failed: 1, Terminated: 4 }), {
      status: "Failed",
      statusDetails: "Failed",
      completedCount: 5,
      errorCount: 1,
      deliveryTimedOutCount: 0,
    });
  });

  test("mostly execution timeouts: TimedOut / ExecutionTimedOut", () => {
    assert.deepEqual(statusOf({ ExecutionTimedOut: 2, Failed: 1 }), {
      status: "TimedOut",
      statusDetails: "ExecutionTimedOut",
    });
  });

  test("mostly plain failures: Failed / Failed even with some execution timeouts", () => {
    assert.deepEqual(statusOf({ ExecutionTimedOut: 1, Failed: 2 }), { status: "Failed", statusDetails: "Failed" });
  });

  test("a delivery timeout keeps the command from Success: TimedOut / DeliveryTimedOut", () => {
    assert.deepEqual(roll({ DeliveryTimedOut: 1, Success: 2 }), {
      status: "TimedOut",
      statusDetails: "DeliveryTimedOut",
      completedCount: 3,
      errorCount: 0,
      deliveryTimedOutCount: 1,
    });
  });

  test("delivery timeouts reaching MaxErrors: TimedOut / DeliveryTimedOut", () => {
    assert.deepEqual(statusOf({ DeliveryTimedOut: 2, Success: 3 }, { errorBudget: 2 }), {
      status: "TimedOut",
      statusDetails: "DeliveryTimedOut",
    });
  });

  test("delivery timeouts below MaxErrors: Failed / Incomplete", () => {
    assert.deepEqual(statusOf({ DeliveryTimedOut: 1, Success: 4 }, { errorBudget: 2 }), {
      status: "Failed",
      statusDetails: "Incomplete",
    });
  });

  test("a cancelled invocation without a command cancel is not Success: Failed / Incomplete", () => {
    assert.deepEqual(statusOf({ Cancelled: 1, Success: 2 }), { status: "Failed", statusDetails: "Incomplete" });
  });
});

test("CompletedCount counts terminal invocations, ErrorCount Failed + ExecutionTimedOut, DeliveryTimedOutCount its own", () => {
  const counts: Counts = {
    Pending: 1,
    InProgress: 1,
    Delayed: 1,
    Cancelling: 1,
    Success: 2,
    Failed: 3,
    ExecutionTimedOut: 4,
    DeliveryTimedOut: 5,
    Cancelled: 6,
    Terminated: 7,
    Undeliverable: 8,
    InvalidPlatform: 9,
    AccessDenied: 10,
  };
  const rolled = roll(counts, { errorBudget: 100 });
  assert.equal(rolled.completedCount, 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10);
  assert.equal(rolled.errorCount, 3 + 4);
  assert.equal(rolled.deliveryTimedOutCount, 5);
  assert.equal(rolled.status, "InProgress");
});
