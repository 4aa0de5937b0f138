import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pino } from "pino";
import { Housekeeping } from "./housekeeping.ts";
import { Spool } from "./spool/index.ts";

const ID_OLD = "11111111-1111-4111-8111-111111111111";
const ID_NEW = "22222222-2222-4222-8222-222222222222";
const ID_UNACKED = "33333333-3333-4333-8333-333333333333";

test("step output is removed only after acknowledgement and the retention period", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-hk-"));
  try {
    const spool = new Spool(dir);
    for (const id of [ID_OLD, ID_NEW, ID_UNACKED]) {
      await spool.accept({ commandId: id, receivedAt: new Date().toISOString(), payload: {} });
      await spool.complete(id, { ok: true });
      await mkdir(join(dir, "orchestration", id, "step"), { recursive: true });
      await writeFile(join(dir, "orchestration", id, "step", "stdout"), "output");
    }
    await spool.acknowledge(ID_OLD);
    await spool.acknowledge(ID_NEW);
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    for (const id of [ID_OLD, ID_UNACKED]) await utimes(join(dir, "orchestration", id), twoDaysAgo, twoDaysAgo);

    const hk = new Housekeeping(dir, spool, 24 * 3600_000, pino({ level: "silent" }));
    assert.deepEqual(await hk.sweep(), { outputs: 1, tombstones: 0 });
    await assert.rejects(stat(join(dir, "orchestration", ID_OLD)), { code: "ENOENT" });
    await stat(join(dir, "orchestration", ID_NEW));
    await stat(join(dir, "orchestration", ID_UNACKED));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
