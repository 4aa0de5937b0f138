import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SsmError } from "../protocol/errors.ts";
import { aNode, anActivation, nodeId, T0 } from "../store/contract/fixtures.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "./ports/store.ts";
import { resolveTargets } from "./targeting.ts";

const WEB_PROD = nodeId(1);
const WEB_STAGING = nodeId(2);
const DB_PROD = nodeId(3);
const UNTAGGED = nodeId(4);
const NOT_REGISTERED = nodeId(99);
const ALSO_NOT_REGISTERED = nodeId(98);

let store: Store;

before(async () => {
  store = await openStore("sqlite::memory:");
  await store.migrate();
  await store.createActivation(anActivation({ tags: [] }));
  const tags: Array<[string, Record<string, string>]> = [
    [WEB_PROD, { env: "prod", role: "web" }],
    [WEB_STAGING, { env: "staging", role: "web" }],
    [DB_PROD, { env: "prod", role: "db", backup: "" }],
    [UNTAGGED, {}],
  ];
  for (const [id, nodeTags] of tags) {
    assert.equal(await store.registerNode("act-1", "hash-1", aNode(id), T0), "registered");
    await store.putTags(
      "ManagedInstance",
      id,
      Object.entries(nodeTags).map(([Key, Value]) => ({ Key, Value })),
    );
  }
});

after(() => store.close());

/** Asserts that `promise` rejects with an SsmError of that code, and returns its message. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<string> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}, got success`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SsmError, `expected an SsmError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error.message;
}

describe("explicit InstanceIds", () => {
  test("registered ids are targeted as given", async () => {
    const resolved = await resolveTargets(store, [DB_PROD, WEB_PROD], undefined);
    assert.deepEqual(resolved, { instanceIds: [DB_PROD, WEB_PROD], byTag: false });
  });

  test("unknown ids are InvalidInstanceId, naming every missing id and no registered one", async () => {
    const message = await rejectsWith(
      resolveTargets(store, [WEB_PROD, NOT_REGISTERED, ALSO_NOT_REGISTERED], undefined),
      "InvalidInstanceId",
    );
    assert.match(message, new RegExp(NOT_REGISTERED));
    assert.match(message, new RegExp(ALSO_NOT_REGISTERED));
    assert.doesNotMatch(message, new RegExp(WEB_PROD));
  });

  test("an id listed twice is DuplicateInstanceId", async () => {
    await rejectsWith(resolveTargets(store, [WEB_PROD, DB_PROD, WEB_PROD], undefined), "DuplicateInstanceId");
  });

  test("the InstanceIds target key works in any case (`instanceids` as in the CLI example)", async () => {
    for (const Key of ["InstanceIds", "instanceids", "INSTANCEIDS"]) {
      const resolved = await resolveTargets(store, undefined, [{ Key, Values: [WEB_STAGING, UNTAGGED] }]);
      assert.deepEqual(resolved.instanceIds, [WEB_STAGING, UNTAGGED], Key);
    }
  });

  test("ids given as a target are checked the same way", async () => {
    await rejectsWith(
      resolveTargets(store, undefined, [{ Key: "instanceids", Values: [NOT_REGISTERED] }]),
      "InvalidInstanceId",
    );
    await rejectsWith(
      resolveTargets(store, undefined, [{ Key: "InstanceIds", Values: [WEB_PROD, WEB_PROD] }]),
      "DuplicateInstanceId",
    );
  });
});

describe("tag targets", () => {
  test("tag:<key> matches any of its values (OR)", async () => {
    const resolved = await resolveTargets(store, undefined, [{ Key: "tag:env", Values: ["prod", "staging"] }]);
    assert.deepEqual(resolved, { instanceIds: [WEB_PROD, WEB_STAGING, DB_PROD], byTag: true });
  });

  test("several targets must all match (AND)", async () => {
    const resolved = await resolveTargets(store, undefined, [
      { Key: "tag:env", Values: ["prod"] },
      { Key: "tag:role", Values: ["web"] },
    ]);
    assert.deepEqual(resolved.instanceIds, [WEB_PROD]);
  });

  test("tag-key matches nodes that carry any of the keys, whatever the value", async () => {
    const resolved = await resolveTargets(store, undefined, [{ Key: "tag-key", Values: ["backup"] }]);
    assert.deepEqual(resolved, { instanceIds: [DB_PROD], byTag: true });
    const either = await resolveTargets(store, undefined, [{ Key: "tag-key", Values: ["backup", "role"] }]);
    assert.deepEqual(either.instanceIds, [WEB_PROD, WEB_STAGING, DB_PROD]);
  });

  test("ids and tags AND together", async () => {
    const resolved = await resolveTargets(store, undefined, [
      { Key: "instanceids", Values: [WEB_PROD, WEB_STAGING, UNTAGGED] },
      { Key: "tag:role", Values: ["web"] },
    ]);
    assert.deepEqual(resolved.instanceIds, [WEB_PROD, WEB_STAGING]);
  });

  test("a tag that matches no node resolves to no targets (not an error)", async () => {
    const resolved = await resolveTargets(store, undefined, [{ Key: "tag:env", Values: ["nowhere"] }]);
    assert.deepEqual(resolved, { instanceIds: [], byTag: true });
  });

  test("resource-groups keys are refused with a ValidationException that says why", async () => {
    for (const Key of ["resource-groups:Name", "resource-groups:ResourceTypeFilters"]) {
      const message = await rejectsWith(
        resolveTargets(store, undefined, [{ Key, Values: ["AWS::SSM::ManagedInstance"] }]),
        "ValidationException",
      );
      assert.match(message, /resource groups/i);
    }
  });
});

describe("invalid combinations", () => {
  test("both InstanceIds and Targets is a ValidationException", async () => {
    await rejectsWith(resolveTargets(store, [WEB_PROD], [{ Key: "tag:env", Values: ["prod"] }]), "ValidationException");
  });

  test("neither (or both empty) is a ValidationException", async () => {
    await rejectsWith(resolveTargets(store, undefined, undefined), "ValidationException");
    await rejectsWith(resolveTargets(store, [], []), "ValidationException");
  });

  test("a target with no values is a ValidationException, never the whole fleet", async () => {
    await rejectsWith(resolveTargets(store, undefined, [{ Key: "tag:env", Values: [] }]), "ValidationException");
    await rejectsWith(resolveTargets(store, undefined, [{ Key: "instanceids", Values: [] }]), "ValidationException");
    await rejectsWith(resolveTargets(store, undefined, [{ Key: "tag-key", Values: [] }]), "ValidationException");
  });
});
