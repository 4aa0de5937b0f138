import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { KeyLock } from "./key-lock.ts";

test("work on one key runs one at a time in call order; other keys run alongside", async () => {
  const lock = new KeyLock();
  const log: string[] = [];
  const job = (key: string, name: string, ms: number) =>
    lock.run(key, async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
    });
  await Promise.all([job("a", "a1", 30), job("a", "a2", 0), job("b", "b1", 0)]);
  assert.deepEqual(log.slice(0, 2), ["start a1", "start b1"]);
  assert.ok(log.indexOf("end a1") < log.indexOf("start a2"));
  assert.equal(lock.size, 0);
});

test("a failing job does not block the next one on the same key", async () => {
  const lock = new KeyLock();
  await assert.rejects(
    lock.run("k", () => Promise.reject(new Error("boom"))),
    /boom/,
  );
  assert.equal(await lock.run("k", async () => 42), 42);
});
