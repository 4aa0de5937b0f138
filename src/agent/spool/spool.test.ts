import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { Spool, type SpooledInvocation } from "./spool.ts";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-spool-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

function inv(commandId: string, receivedAt = new Date().toISOString()): SpooledInvocation {
  return { commandId, receivedAt, payload: { kind: "invoke", commandId, lines: ["echo hi"] } };
}
const file = (stage: string, id: string) => join(stateDir, "spool", stage, `${id}.json`);

describe("Spool", () => {
  test("accepts a command id once, also after re-opening the spool", async () => {
    const spool = new Spool(stateDir);
    const received = inv("c1");
    assert.equal(await spool.accept(received), true);
    assert.equal(await spool.accept(inv("c1")), false);
    assert.equal(await new Spool(stateDir).accept(inv("c1")), false);
    assert.equal(await spool.state("c1"), "pending");
    assert.deepEqual(await new Spool(stateDir).pending(), [received]);
  });

  test("concurrent accepts of one id admit exactly one; different ids do not interfere", async () => {
    const spool = new Spool(stateDir);
    const same = await Promise.all(Array.from({ length: 10 }, () => spool.accept(inv("dup"))));
    assert.equal(same.filter(Boolean).length, 1);
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => spool.accept(inv(`id-${i}`))));
    assert.ok(many.every(Boolean));
    assert.equal((await spool.pending()).length, 21);
  });

  test("walks pending → running → finished → acknowledged, refusing re-delivery at every stage", async () => {
    const spool = new Spool(stateDir);
    await spool.accept(inv("c2"));
    await spool.markRunning("c2");
    assert.equal(await spool.state("c2"), "running");
    assert.deepEqual(
      (await spool.running()).map((i) => i.commandId),
      ["c2"],
    );
    assert.deepEqual(await spool.pending(), []);
    assert.equal(await spool.accept(inv("c2")), false);

    await spool.complete("c2", { status: "Success", responseCode: 0 });
    assert.equal(await spool.state("c2"), "finished");
    assert.deepEqual(await spool.running(), []);
    assert.equal(await spool.accept(inv("c2")), false);

    await spool.acknowledge("c2");
    assert.equal(await spool.state("c2"), "acknowledged");
    assert.deepEqual(await spool.unacknowledged(), []);
    assert.equal(await new Spool(stateDir).accept(inv("c2")), false);
    await assert.rejects(readFile(file("results", "c2")), { code: "ENOENT" });
  });

  test("results survive re-opening until acknowledged", async () => {
    const first = new Spool(stateDir);
    await first.accept(inv("c3"));
    await first.markRunning("c3");
    await first.complete("c3", { stdout: "héllo" });
    const reopened = new Spool(stateDir);
    assert.deepEqual(await reopened.unacknowledged(), [{ commandId: "c3", result: { stdout: "héllo" } }]);
    assert.equal(await reopened.state("c3"), "finished");
  });

  test("an invocation interrupted while running is listed for adoption after re-opening", async () => {
    const first = new Spool(stateDir);
    await first.accept(inv("c4"));
    await first.markRunning("c4");
    assert.deepEqual(
      (await new Spool(stateDir).running()).map((i) => i.commandId),
      ["c4"],
    );
  });

  test("cancel before invoke refuses the later invoke; cancel of a pending one drops it", async () => {
    const spool = new Spool(stateDir);
    await spool.markCancelled("early");
    assert.equal(await spool.state("early"), "cancelled");
    assert.equal(await spool.accept(inv("early")), false);

    await spool.accept(inv("queued"));
    await spool.markCancelled("queued");
    assert.equal(await spool.state("queued"), "cancelled");
    assert.deepEqual(await spool.pending(), []);
    await assert.rejects(spool.markRunning("queued"), { code: "InvalidCommandId" });
  });

  test("a running invocation cancelled stays listed until its Cancelled result is stored", async () => {
    const spool = new Spool(stateDir);
    await spool.accept(inv("run"));
    await spool.markRunning("run");
    await spool.markCancelled("run");
    assert.equal(await spool.state("run"), "cancelled");
    assert.deepEqual(
      (await new Spool(stateDir).running()).map((i) => i.commandId),
      ["run"],
    );
    await spool.complete("run", { status: "Cancelled" });
    assert.equal(await spool.state("run"), "finished");
    assert.deepEqual(await spool.running(), []);
    await spool.markCancelled("run");
    assert.equal(await spool.state("run"), "finished");
  });

  test("refuses results for unknown or acknowledged ids and acknowledgements without a result", async () => {
    const spool = new Spool(stateDir);
    await assert.rejects(spool.complete("ghost", {}), { code: "InvalidCommandId" });
    await assert.rejects(spool.acknowledge("ghost"), { code: "InvalidCommandId" });
    await spool.accept(inv("c5"));
    await spool.complete("c5", {});
    await spool.acknowledge("c5");
    await spool.acknowledge("c5");
    await assert.rejects(spool.complete("c5", {}), { code: "InvalidCommandId" });
  });

  test("rejects command ids that are not safe file names", async () => {
    const spool = new Spool(stateDir);
    await assert.rejects(spool.accept(inv("../evil")), { code: "InvalidCommandId" });
    await assert.rejects(spool.state(".hidden"), { code: "InvalidCommandId" });
  });

  test("a write interrupted before its rename leaves no partial state, and the temp file is cleaned on open", async () => {
    const first = new Spool(stateDir);
    await first.accept(inv("c6"));
    await first.markRunning("c6");
    // Crash while storing the result: the temp file holds half the JSON and was never renamed.
    const temp = join(stateDir, "spool", "results", ".c6.json.0123456789ab.tmp");
    await writeFile(temp, '{"commandId":"c6","result":{"sta');
    await writeFile(join(stateDir, "spool", "pending", ".c7.json.0123456789ab.tmp"), '{"comm');

    const reopened = new Spool(stateDir);
    assert.equal(await reopened.state("c6"), "running");
    assert.deepEqual(await reopened.unacknowledged(), []);
    assert.equal(await reopened.state("c7"), undefined);
    assert.deepEqual(await readdir(join(stateDir, "spool", "results")), []);
    assert.deepEqual(await readdir(join(stateDir, "spool", "pending")), []);
  });

  test("re-opening finishes transitions a crash interrupted", async () => {
    const first = new Spool(stateDir);
    await first.accept(inv("half-done"));
    await first.markRunning("half-done");
    await first.complete("half-done", { ok: true });
    // Crash after the result was written but before the running record was removed.
    await writeFile(file("running", "half-done"), JSON.stringify(inv("half-done")));
    await first.accept(inv("half-acked"));
    await first.complete("half-acked", { ok: true });
    await first.acknowledge("half-acked");
    // Crash after the tombstone was written but before the result was removed.
    await writeFile(file("results", "half-acked"), JSON.stringify({ commandId: "half-acked", result: {} }));

    const reopened = new Spool(stateDir);
    assert.deepEqual(await reopened.running(), []);
    assert.equal(await reopened.state("half-done"), "finished");
    assert.deepEqual(await reopened.unacknowledged(), [{ commandId: "half-done", result: { ok: true } }]);
    assert.equal(await reopened.state("half-acked"), "acknowledged");
  });

  test("pruning forgets old tombstones only", async () => {
    const spool = new Spool(stateDir);
    for (const id of ["old", "new"]) {
      await spool.accept(inv(id));
      await spool.complete(id, {});
      await spool.acknowledge(id);
    }
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    await utimes(file("done", "old"), longAgo, longAgo);
    assert.equal(await spool.pruneTombstones(86_400_000), 1);
    assert.equal(await spool.state("old"), undefined);
    assert.equal(await spool.state("new"), "acknowledged");
  });

  test("a damaged spool file is reported, not silently skipped", async () => {
    const spool = new Spool(stateDir);
    await spool.accept(inv("c8"));
    await writeFile(file("pending", "c9"), "{not json");
    await assert.rejects(new Spool(stateDir).pending(), { code: "InternalServerError" });
  });
});
