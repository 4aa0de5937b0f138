import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { ADMINISTRATOR_ACCESS_ARN } from "../../core/identity/aws-managed-policies.ts";
import { IamError } from "../../core/identity/iam-error.ts";
import { evaluate } from "../../core/policies/index.ts";
import type { Store } from "../../core/ports/store.ts";
import { openSqliteStore } from "../../store/sqlite/open-sqlite-store.ts";
import { randomIds } from "../random-ids.ts";
import { SecretBox } from "../secrets/secret-box.ts";
import { IdentityService } from "./identity-service.ts";

const clock = { now: () => Date.UTC(2025, 0, 1) };
const ACCOUNT = "123456789012";

function iamError(code: string, message?: RegExp) {
  return (e: unknown) => e instanceof IamError && e.code === code && (!message || message.test(e.message));
}

describe("IdentityService over SQLite", () => {
  let dir = "";
  let store: Store;
  let masterKey: Buffer;
  let identity: IdentityService;

  const open = async () => {
    store = await openSqliteStore(join(dir, "fleetrun.db"));
    await store.migrate();
    identity = new IdentityService({ store, box: new SecretBox(masterKey), clock, ids: randomIds, accountId: ACCOUNT });
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-identity-"));
    masterKey = randomBytes(32);
    await open();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps access-key secrets out of the SQLite files: only ciphertext is stored", async () => {
    await identity.createUser({ userName: "bob" });
    const { record, secretAccessKey } = await identity.createAccessKey("bob");
    assert.deepEqual(await identity.credentials(record.accessKeyId), { secretAccessKey, userName: "bob" });
    await store.close();
    for (const name of await readdir(dir)) {
      const bytes = await readFile(join(dir, name));
      assert.equal(bytes.includes(secretAccessKey), false, `${name} holds the secret`);
      assert.equal(
        bytes.includes(Buffer.from(secretAccessKey).toString("base64")),
        false,
        `${name} holds it in base64`,
      );
    }
    await open();
    assert.equal((await identity.credentials(record.accessKeyId))?.secretAccessKey, secretAccessKey);
  });

  it("verifies only Active keys, and none under a different master key", async () => {
    await identity.createUser({ userName: "bob" });
    const { record } = await identity.createAccessKey("bob");
    await identity.updateAccessKey("bob", record.accessKeyId, "Inactive");
    assert.equal(await identity.credentials(record.accessKeyId), undefined);
    assert.equal(await identity.accessKeyState(record.accessKeyId), "Inactive");
    await identity.updateAccessKey("bob", record.accessKeyId, "Active");
    assert.ok(await identity.credentials(record.accessKeyId));
    const other = new IdentityService({
      store,
      box: new SecretBox(randomBytes(32)),
      clock,
      ids: randomIds,
      accountId: ACCOUNT,
    });
    assert.equal(await other.credentials(record.accessKeyId), undefined);
    assert.equal(await other.accessKeyState(record.accessKeyId), "unopenable");
    assert.equal(await identity.credentials("AKFRUNKNOWN"), undefined);
  });

  it("applies IAM's rules: names, duplicates, two keys per user, delete conflicts", async () => {
    await assert.rejects(identity.createUser({ userName: "bad name" }), iamError("ValidationError", /userName/));
    await assert.rejects(identity.createUser({ userName: "x".repeat(65) }), iamError("ValidationError", /64/));
    await identity.createUser({ userName: "bob", path: "/ops/" });
    await assert.rejects(identity.createUser({ userName: "bob" }), iamError("EntityAlreadyExists"));
    const first = await identity.createAccessKey("bob");
    await identity.createAccessKey("bob");
    await assert.rejects(identity.createAccessKey("bob"), iamError("LimitExceeded", /AccessKeysPerUser: 2/));
    await assert.rejects(identity.createAccessKey("ghost"), iamError("NoSuchEntity", /user with name ghost/));
    await assert.rejects(identity.deleteUser("bob"), iamError("DeleteConflict", /access keys/));
    await assert.rejects(identity.deleteAccessKey("bob", "AKFRNOPE"), iamError("NoSuchEntity", /AKFRNOPE/));
    assert.equal(identity.userArn(await identity.getUser("bob")), `arn:aws:iam::${ACCOUNT}:user/ops/bob`);
    assert.equal(first.record.accessKeyId.length, 20);
  });

  it("refuses a malformed policy document and an unknown managed policy", async () => {
    await identity.createUser({ userName: "bob" });
    const bob = { kind: "user", name: "bob" } as const;
    await assert.rejects(identity.policies.putInlinePolicy(bob, "p", "{not json"), iamError("MalformedPolicyDocument"));
    await assert.rejects(
      identity.policies.putInlinePolicy(bob, "p", '{"Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}'),
      iamError("MalformedPolicyDocument"),
    );
    await assert.rejects(
      identity.policies.attachPolicy(bob, `arn:aws:iam::${ACCOUNT}:policy/Nope`),
      iamError("NoSuchEntity", /does not exist or is not attachable/),
    );
  });

  it("gives policiesFor the user's inline and attached policies and those of its groups", async () => {
    await identity.createUser({ userName: "bob" });
    await identity.createUser({ userName: "amy" });
    await identity.createGroup({ groupName: "ops" });
    await identity.addUserToGroup("ops", "bob");
    const allow = (action: string) =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
    await identity.policies.putInlinePolicy({ kind: "user", name: "bob" }, "own", allow("ssm:ListCommands"));
    await identity.policies.putInlinePolicy({ kind: "group", name: "ops" }, "team", allow("ssm:SendCommand"));
    const custom = await identity.policies.createPolicy({ policyName: "Describe", document: allow("ssm:Describe*") });
    await identity.policies.attachPolicy({ kind: "group", name: "ops" }, custom.policy.arn);
    await identity.policies.attachPolicy({ kind: "user", name: "bob" }, "arn:aws:iam::aws:policy/IAMReadOnlyAccess");

    const decide = async (user: string, action: string) =>
      evaluate(await identity.policiesFor(user), { action, resource: "*", context: {} }).effect;
    assert.equal((await identity.policiesFor("bob")).length, 4);
    for (const action of ["ssm:ListCommands", "ssm:SendCommand", "ssm:DescribeInstanceInformation", "iam:GetUser"])
      assert.equal(await decide("bob", action), "Allow", action);
    assert.equal(await decide("bob", "ssm:CancelCommand"), "Deny");
    assert.equal(await decide("amy", "ssm:ListCommands"), "Deny");
    assert.deepEqual(await identity.policiesFor("ghost"), []);
    assert.equal((await identity.policies.getPolicy(custom.policy.arn)).attachmentCount, 1);
    await assert.rejects(identity.policies.deletePolicy(custom.policy.arn), iamError("DeleteConflict"));
  });

  it("seals and moves plaintext keys of older versions into an administrator user", async () => {
    await store.close();
    const raw = new BetterSqlite3(join(dir, "fleetrun.db"));
    raw
      .prepare("INSERT INTO access_keys (access_key_id, secret_access_key, user_name, created_at) VALUES (?, ?, ?, ?)")
      .run("AKFROLDADMINKEY00001", "old-plaintext-secret", "admin", 1_700_000_000_000);
    raw.close();
    await open();
    assert.equal(await identity.importLegacyKeys(), 1);
    assert.deepEqual(await identity.credentials("AKFROLDADMINKEY00001"), {
      secretAccessKey: "old-plaintext-secret",
      userName: "admin",
    });
    assert.deepEqual(
      (await identity.policies.listAttachedPolicies({ kind: "user", name: "admin" })).map((p) => p.policyArn),
      [ADMINISTRATOR_ACCESS_ARN],
    );
    assert.deepEqual(await store.legacyAccessKeys(), []);
    assert.equal(await identity.importLegacyKeys(), 0);
  });
});
