import assert from "node:assert/strict";
import { test } from "node:test";
import { nextPollDelay, progressCounts } from "./command-waiter.ts";

test("polling backs off from 200 ms, doubling, to at most 2 s", () => {
  const delays: number[] = [];
  let delay: number | undefined;
  for (let i = 0; i < 7; i++) {
    delay = nextPollDelay(delay);
    delays.push(delay);
  }
  assert.deepEqual(delays, [200, 400, 800, 1600, 2000, 2000, 2000]);
});

test("progress counts Success as done, other final statuses as failed, the rest as pending", () => {
  const counts = progressCounts({ TargetCount: 6 }, [
    { Status: "Success" },
    { Status: "Failed" },
    { Status: "TimedOut" },
    { Status: "Cancelled" },
    { Status: "InProgress" },
  ]);
  assert.deepEqual(counts, { total: 6, done: 1, failed: 3, pending: 2 });
  assert.deepEqual(progressCounts({ TargetCount: 0 }, [{ Status: "Pending" }]), {
    total: 1,
    done: 0,
    failed: 0,
    pending: 1,
  });
});
