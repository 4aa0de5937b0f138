import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { loadMasterKey, MASTER_KEY_ENV, MASTER_KEY_FILE } from "./master-key.ts";

describe("loadMasterKey", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-master-key-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates 32 random bytes in DATA_DIR/master.key, mode 0600, and reads the same key afterwards", async () => {
    const first = await loadMasterKey(dir, {});
    assert.equal(first.source, "created");
    assert.equal(first.key.length, 32);
    const file = join(dir, MASTER_KEY_FILE);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readFile(file), first.key);
    const second = await loadMasterKey(dir, {});
    assert.equal(second.source, "file");
    assert.deepEqual(second.key, first.key);
  });

  it("takes the key from FLEETRUN_MASTER_KEY and then creates no file", async () => {
    const key = randomBytes(32);
    const loaded = await loadMasterKey(dir, { [MASTER_KEY_ENV]: key.toString("base64") });
    assert.equal(loaded.source, "env");
    assert.deepEqual(loaded.key, key);
    assert.equal(existsSync(join(dir, MASTER_KEY_FILE)), false);
  });

  it("refuses an environment key or a file that is not exactly 32 bytes", async () => {
    await assert.rejects(loadMasterKey(dir, { [MASTER_KEY_ENV]: randomBytes(16).toString("base64") }), /32 bytes/);
    await assert.rejects(loadMasterKey(dir, { [MASTER_KEY_ENV]: "not base64!" }), /32 bytes/);
    await writeFile(join(dir, MASTER_KEY_FILE), randomBytes(31));
    await assert.rejects(loadMasterKey(dir, {}), /exactly 32 bytes/);
  });
});
