import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  type AgentIdentity,
  discardPendingIdentity,
  generateNodeKeys,
  loadIdentity,
  loadPendingIdentity,
  promotePendingIdentity,
  saveIdentity,
  savePendingIdentity,
} from "./identity.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetrun-identity-"));
});
after(async () => rm(dir, { recursive: true, force: true }));

const base = (): AgentIdentity => ({
  instanceId: "mi-0123456789abcdef0",
  server: "https://fleet.example.com",
  region: "us-east-1",
  serverFingerprint: `${"AB:".repeat(31)}AB`,
  ...generateNodeKeys(),
});

test("identity.json keeps the server trust, is owner-only, and knows where it was read from", async () => {
  const identity = base();
  await saveIdentity(dir, { ...identity, stateDir: "/elsewhere" });
  const stored = JSON.parse(await readFile(join(dir, "identity.json"), "utf8"));
  assert.equal(stored.stateDir, undefined, "the state dir is not written");
  assert.equal(stored.serverFingerprint, identity.serverFingerprint);
  assert.equal((await stat(join(dir, "identity.json"))).mode & 0o777, 0o600);
  assert.deepEqual(await loadIdentity(dir), { ...identity, stateDir: dir });
});

test("a pending key replaces the identity only when promoted", async () => {
  const current = base();
  await saveIdentity(dir, current);
  const next = { ...current, ...generateNodeKeys() };
  await savePendingIdentity(dir, next);
  assert.equal((await loadIdentity(dir))?.publicKey, current.publicKey, "the current key stays until promoted");
  assert.equal((await loadPendingIdentity(dir))?.publicKey, next.publicKey);
  assert.equal(await promotePendingIdentity(dir), true);
  assert.equal((await loadIdentity(dir))?.publicKey, next.publicKey);
  assert.equal(await loadPendingIdentity(dir), undefined);
  assert.equal(await promotePendingIdentity(dir), false, "nothing left to promote");
});

test("a refused rotation discards the pending key and keeps the current one", async () => {
  const current = base();
  await saveIdentity(dir, current);
  await savePendingIdentity(dir, { ...current, ...generateNodeKeys() });
  await discardPendingIdentity(dir);
  assert.equal(await loadPendingIdentity(dir), undefined);
  assert.equal((await loadIdentity(dir))?.publicKey, current.publicKey);
});
