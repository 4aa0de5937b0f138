import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { beforeEach, describe, it } from "node:test";
import { MemoryDocumentStore } from "../../../test/support/memory-document-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import { AMAZON_OWNER } from "./amazon-documents.ts";
import { DocumentService } from "./document-service.ts";

const ACCOUNT = "123456789012";
const T = 1_700_000_000_000;

/** A schema 2.2 shell document whose output names `text`; `who` is constrained by a pattern. */
function script(text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaVersion: "2.2",
    description: "Say hello",
    parameters: {
      who: { type: "String", default: "world", description: "whom", allowedPattern: "^[a-z]+$" },
      extras: { type: "StringList", default: ["a", "b"] },
    },
    mainSteps: [{ action: "aws:runShellScript", name: "hello", inputs: { runCommand: [`echo ${text} {{ who }}`] } }],
    ...extra,
  });
}

/** Rejects with an SsmError of that code whose message matches. */
async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SsmError, `not an SsmError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe("DocumentService", () => {
  let store: MemoryDocumentStore;
  let now: number;
  let docs: DocumentService;

  beforeEach(() => {
    store = new MemoryDocumentStore();
    now = T;
    docs = new DocumentService({
      store,
      clock: { now: () => now },
      accountId: ACCOUNT,
      limits: { maxDocuments: 3, maxVersions: 3 },
    });
  });

  describe("create", () => {
    it("creates version 1 as default and latest, Active, with hash, platforms, parameters and tags", async () => {
      const content = script("v1");
      const view = await docs.create({ Name: "Hello", Content: content, Tags: [{ Key: "team", Value: "ops" }] });
      assert.deepEqual(view.document, {
        name: "Hello",
        documentType: "Command",
        owner: ACCOUNT,
        createdAt: T,
        defaultVersion: 1,
        latestVersion: 1,
      });
      assert.equal(view.version.hash, createHash("sha256").update(content).digest("hex"));
      assert.equal(view.version.status, "Active");
      assert.equal(view.version.format, "JSON");
      assert.equal(view.version.schemaVersion, "2.2");
      assert.equal(view.version.description, "Say hello");
      assert.deepEqual(view.version.platformTypes, ["Linux", "MacOS"]);
      assert.deepEqual(view.version.parameters, [
        { name: "who", type: "String", description: "whom", defaultValue: "world" },
        { name: "extras", type: "StringList", description: "", defaultValue: '["a","b"]' },
      ]);
      assert.equal(view.version.statusInformation, "");
      assert.deepEqual(view.tags, [{ Key: "team", Value: "ops" }]);
    });

    it("reports a parameter spliced into script text without a constraint in StatusInformation", async () => {
      const content = JSON.stringify({
        schemaVersion: "2.2",
        parameters: { path: { type: "String" } },
        mainSteps: [{ action: "aws:runShellScript", name: "ls", inputs: { runCommand: ["ls {{ path }}"] } }],
      });
      const view = await docs.create({ Name: "Lister", Content: content });
      assert.match(view.version.statusInformation, /path/);
      assert.equal(view.version.status, "Active");
    });

    it("refuses reserved name prefixes in any letter case", async () => {
      for (const name of ["aws-mine", "AWS-RunShellScript", "Amazon-x", "AMZN.tools", "awsec2-x", "AWSSupport-y"]) {
        await rejectsWith(docs.create({ Name: name, Content: script("x") }), "ValidationException", /can't start with/);
      }
      await docs.create({ Name: "my-aws-tool", Content: script("x") });
    });

    it("refuses TEXT, other document types, bad content and unsupported schema versions", async () => {
      await rejectsWith(
        docs.create({ Name: "Text", Content: "echo hi", DocumentFormat: "TEXT" }),
        "InvalidDocumentContent",
        /TEXT/,
      );
      await rejectsWith(
        docs.create({ Name: "Auto", Content: script("x"), DocumentType: "Automation" }),
        "InvalidDocumentContent",
        /Automation/,
      );
      const noAction = JSON.stringify({ schemaVersion: "2.2", mainSteps: [{ name: "a", inputs: {} }] });
      await rejectsWith(
        docs.create({ Name: "Broken", Content: noAction }),
        "InvalidDocumentContent",
        /^mainSteps\[0\]/,
      );
      await rejectsWith(
        docs.create({ Name: "Json", Content: "a: [", DocumentFormat: "JSON" }),
        "InvalidDocumentContent",
      );
      await rejectsWith(
        docs.create({ Name: "Old", Content: script("x", { schemaVersion: "0.3" }) }),
        "InvalidDocumentSchemaVersion",
      );
      assert.equal(await store.countDocuments(), 0);
    });

    it("accepts 64 KB of UTF-8 and refuses one byte more, counting bytes, not characters", async () => {
      const base = script("x", { description: "" });
      const fill = (bytes: number) =>
        script("x", { description: "é".repeat(Math.floor(bytes / 2)) + "a".repeat(bytes % 2) });
      const exact = fill(65536 - Buffer.byteLength(base));
      assert.equal(Buffer.byteLength(exact), 65536);
      await docs.create({ Name: "Big", Content: exact });
      const over = fill(65537 - Buffer.byteLength(base));
      await rejectsWith(docs.create({ Name: "Bigger", Content: over }), "MaxDocumentSizeExceeded", /65537/);
    });

    it("refuses an existing name and stops at the document limit", async () => {
      await docs.create({ Name: "One", Content: script("1") });
      await rejectsWith(docs.create({ Name: "One", Content: script("2") }), "DocumentAlreadyExists");
      await docs.create({ Name: "Two", Content: script("2") });
      await docs.create({ Name: "Three", Content: script("3") });
      await rejectsWith(docs.create({ Name: "Four", Content: script("4") }), "DocumentLimitExceeded");
      await docs.delete("Three");
      await docs.create({ Name: "Four", Content: script("4") });
    });
  });

  describe("update", () => {
    beforeEach(async () => {
      await docs.create({ Name: "Hello", Content: script("v1"), DisplayName: "Hello doc", TargetType: "/" });
    });

    it("adds latest+1 on top of the latest, keeps the default and inherits DisplayName and TargetType", async () => {
      now = T + 1000;
      const v2 = await docs.update({
        Name: "Hello",
        Content: script("v2"),
        DocumentVersion: "$LATEST",
        VersionName: "two",
      });
      assert.equal(v2.version.version, 2);
      assert.equal(v2.version.versionName, "two");
      assert.equal(v2.version.displayName, "Hello doc");
      assert.equal(v2.version.targetType, "/");
      assert.equal(v2.version.createdAt, T + 1000);
      assert.deepEqual([v2.document.defaultVersion, v2.document.latestVersion], [1, 2]);
      const v3 = await docs.update({ Name: "Hello", Content: script("v3"), DocumentVersion: "2", DisplayName: "New" });
      assert.deepEqual([v3.document.defaultVersion, v3.document.latestVersion], [1, 3]);
      assert.equal(v3.version.displayName, "New");
    });

    it("accepts only the latest version as the base", async () => {
      await docs.update({ Name: "Hello", Content: script("v2") });
      for (const base of ["1", "$DEFAULT", "3"]) {
        await rejectsWith(
          docs.update({ Name: "Hello", Content: script("v3"), DocumentVersion: base }),
          "InvalidDocumentVersion",
          /only the latest version/,
        );
      }
    });

    it("refuses content any version already has, and a version name in use", async () => {
      await docs.update({ Name: "Hello", Content: script("v2"), VersionName: "two" });
      await rejectsWith(docs.update({ Name: "Hello", Content: script("v1") }), "DuplicateDocumentContent");
      await rejectsWith(docs.update({ Name: "Hello", Content: script("v2") }), "DuplicateDocumentContent");
      await rejectsWith(
        docs.update({ Name: "Hello", Content: script("v3"), VersionName: "two" }),
        "DuplicateDocumentVersionName",
      );
    });

    it("stops at the version limit, refuses unknown and built-in documents", async () => {
      await docs.update({ Name: "Hello", Content: script("v2") });
      await docs.update({ Name: "Hello", Content: script("v3") });
      await rejectsWith(docs.update({ Name: "Hello", Content: script("v4") }), "DocumentVersionLimitExceeded");
      await rejectsWith(docs.update({ Name: "Nope", Content: script("v1") }), "InvalidDocument");
      await rejectsWith(
        docs.update({ Name: "AWS-RunShellScript", Content: script("v1") }),
        "InvalidDocumentOperation",
        /Amazon/,
      );
    });
  });

  describe("versions", () => {
    beforeEach(async () => {
      await docs.create({ Name: "Hello", Content: script("v1"), VersionName: "one" });
      await docs.update({ Name: "Hello", Content: script("v2"), VersionName: "two" });
      await docs.update({ Name: "Hello", Content: script("v3") });
    });

    it("resolves $DEFAULT, $LATEST, numbers, version names and ARNs", async () => {
      const version = async (v: string | undefined) => (await docs.resolve("Hello", v)).version;
      assert.deepEqual(
        [
          await version(undefined),
          await version(""),
          await version("$DEFAULT"),
          await version("$LATEST"),
          await version("2"),
        ],
        ["1", "1", "1", "3", "2"],
      );
      const resolved = await docs.resolve("arn:aws:ssm:us-east-1:123456789012:document/Hello", "2");
      assert.equal(resolved.content, script("v2"));
      assert.equal(resolved.hash, createHash("sha256").update(script("v2")).digest("hex"));
      assert.equal((await docs.describe("Hello", { versionName: "two" })).version.version, 2);
      assert.equal((await docs.describe("Hello", { versionName: "two", documentVersion: "2" })).version.version, 2);
      await rejectsWith(docs.describe("Hello", { versionName: "two", documentVersion: "1" }), "InvalidDocumentVersion");
      await rejectsWith(docs.describe("Hello", { versionName: "nine" }), "InvalidDocumentVersion");
      await rejectsWith(docs.resolve("Hello", "4"), "InvalidDocumentVersion");
      await rejectsWith(docs.resolve("Nope", undefined), "InvalidDocument");
    });

    it("moves the default to an existing numeric version only", async () => {
      const v = await docs.setDefaultVersion("Hello", "2");
      assert.equal(v.versionName, "two");
      assert.equal((await docs.resolve("Hello", "$DEFAULT")).version, "2");
      assert.equal((await docs.describe("Hello")).document.defaultVersion, 2);
      await rejectsWith(docs.setDefaultVersion("Hello", "7"), "InvalidDocumentVersion");
      await rejectsWith(docs.setDefaultVersion("Nope", "1"), "InvalidDocument");
      await rejectsWith(docs.setDefaultVersion("AWS-RunShellScript", "1"), "InvalidDocumentOperation");
    });

    it("deletes one non-default version, never the default alone, and then everything", async () => {
      for (const selector of [{ documentVersion: "$DEFAULT" }, { documentVersion: "1" }, { versionName: "one" }]) {
        await rejectsWith(docs.delete("Hello", selector), "InvalidDocumentOperation", /default version/);
      }
      await docs.delete("Hello", { versionName: "two" });
      await rejectsWith(docs.resolve("Hello", "2"), "InvalidDocumentVersion");
      await rejectsWith(docs.delete("Hello", { documentVersion: "2" }), "InvalidDocument");
      await docs.delete("Hello", { documentVersion: "$LATEST" });
      assert.equal((await docs.describe("Hello")).document.latestVersion, 1);
      await docs.delete("Hello");
      await rejectsWith(docs.describe("Hello"), "InvalidDocument");
      await rejectsWith(docs.delete("Hello"), "InvalidDocument");
      await rejectsWith(docs.delete("AWS-RunShellScript"), "InvalidDocumentOperation");
    });

    it("lists versions oldest first", async () => {
      const { versions } = await docs.listVersions("Hello", { offset: 1, limit: 5 });
      assert.deepEqual(
        versions.items.map((v) => v.version),
        [2, 3],
      );
      await rejectsWith(docs.listVersions("Nope", { offset: 0, limit: 5 }), "InvalidDocument");
    });
  });

  describe("built-ins", () => {
    it("serves AWS-RunShellScript read-only at version 1, owned by Amazon", async () => {
      const view = await docs.describe("AWS-RunShellScript", { documentVersion: "$LATEST" });
      assert.equal(view.document.owner, AMAZON_OWNER);
      assert.equal(view.version.version, 1);
      assert.deepEqual(view.version.platformTypes, ["Linux", "MacOS"]);
      assert.equal(view.version.schemaVersion, "1.2");
      assert.ok(view.version.parameters.some((p) => p.name === "commands" && p.defaultValue === undefined));
      await rejectsWith(docs.resolve("AWS-RunShellScript", "2"), "InvalidDocumentVersion");
      const { versions } = await docs.listVersions("AWS-RunShellScript", { offset: 0, limit: 5 });
      assert.equal(versions.items.length, 1);
    });
  });
});
