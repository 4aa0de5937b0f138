import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { readCredentials } from "../cli/credentials-file.ts";
import type { Store } from "../core/ports/store.ts";
import { openSqliteStore } from "../store/sqlite/open-sqlite-store.ts";
import { ADMIN_CREDENTIALS_FILE, ensureAdminCredentials } from "./admin-credentials.ts";
import { IdentityService } from "./identity/identity-service.ts";
import { randomIds } from "./random-ids.ts";
import { SecretBox } from "./secrets/secret-box.ts";

const clock = { now: () => Date.UTC(2025, 0, 1) };

describe("ensureAdminCredentials", () => {
  let dir = "";
  let store: Store;
  const identityWith = (key: Buffer) =>
    new IdentityService({ store, box: new SecretBox(key), clock, ids: randomIds, accountId: "000000000000" });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-admin-"));
    store = await openSqliteStore(join(dir, "fleetrun.db"));
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the admin user with AdministratorAccess and a 0600 profile once, then keeps it", async () => {
    const identity = identityWith(randomBytes(32));
    const first = await ensureAdminCredentials({ identity, clock }, dir);
    assert.equal(first.created, true);
    assert.equal((await stat(first.path)).mode & 0o777, 0o600);
    const creds = await readCredentials(first.path);
    assert.deepEqual(await identity.credentials(creds.accessKeyId), {
      secretAccessKey: creds.secretAccessKey,
      userName: "admin",
    });
    assert.deepEqual(await identity.policies.listAttachedPolicies({ kind: "user", name: "admin" }), [
      { policyName: "AdministratorAccess", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ]);
    const text = await readFile(first.path, "utf8");
    assert.equal((await ensureAdminCredentials({ identity, clock }, dir)).created, false);
    assert.equal(await readFile(first.path, "utf8"), text);
  });

  it("issues a new admin key when the file's key was deleted, and refuses a different master key", async () => {
    const key = randomBytes(32);
    const identity = identityWith(key);
    const { path } = await ensureAdminCredentials({ identity, clock }, dir);
    await assert.rejects(ensureAdminCredentials({ identity: identityWith(randomBytes(32)), clock }, dir), /master key/);
    const old = await readCredentials(path);
    await identity.deleteAccessKey("admin", old.accessKeyId);
    assert.equal((await ensureAdminCredentials({ identity, clock }, dir)).created, true);
    assert.notEqual((await readCredentials(path)).accessKeyId, old.accessKeyId);
  });

  it("keeps an existing data dir working: the plaintext admin key of an older version stays valid", async () => {
    await store.close();
    const raw = new BetterSqlite3(join(dir, "fleetrun.db"));
    raw
      .prepare("INSERT INTO access_keys (access_key_id, secret_access_key, user_name, created_at) VALUES (?, ?, ?, ?)")
      .run("AKFRLEGACYADMIN00001", "legacy-secret", "admin", 1);
    raw.close();
    await writeFile(
      join(dir, ADMIN_CREDENTIALS_FILE),
      "[default]\naws_access_key_id = AKFRLEGACYADMIN00001\naws_secret_access_key = legacy-secret\n",
      { mode: 0o600 },
    );
    store = await openSqliteStore(join(dir, "fleetrun.db"));
    await store.migrate();
    const identity = identityWith(randomBytes(32));
    assert.equal((await ensureAdminCredentials({ identity, clock }, dir)).created, false);
    assert.equal((await identity.credentials("AKFRLEGACYADMIN00001"))?.secretAccessKey, "legacy-secret");
    assert.deepEqual(await store.legacyAccessKeys(), []);
  });
});
