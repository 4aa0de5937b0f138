import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DocumentRecord, DocumentVersionRecord } from "../../core/ports/document-store.ts";
import { T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** A document record with its pointers at version 1. */
export function aDocument(name: string, overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    name,
    documentType: "Command",
    owner: "123456789012",
    createdAt: T0,
    defaultVersion: 1,
    latestVersion: 1,
    ...overrides,
  };
}

/** A version record whose content and hash derive from its name and number. */
export function aVersion(
  name: string,
  version: number,
  overrides: Partial<DocumentVersionRecord> = {},
): DocumentVersionRecord {
  return {
    name,
    version,
    content: `{"schemaVersion":"2.2","mainSteps":[],"v":${version},"é":"ü"}`,
    format: "JSON",
    hash: `hash-${name}-${version}`,
    schemaVersion: "2.2",
    displayName: "",
    description: `version ${version}`,
    targetType: "",
    parameters: [{ name: "who", type: "String", description: "whom to greet", defaultValue: "world" }],
    platformTypes: ["Linux", "MacOS"],
    status: "Active",
    statusInformation: "",
    createdAt: T0 + version,
    ...overrides,
  };
}

/** createDocument / addDocumentVersion / setDefault / list / delete / count. */
export function documentContract(ctx: StoreContext): void {
  const create = (name: string, first: Partial<DocumentVersionRecord> = {}, doc: Partial<DocumentRecord> = {}) =>
    ctx.store.createDocument(aDocument(name, doc), aVersion(name, 1, first), []);

  describe("documents", () => {
    it("creates a document with its first version and reads both back exactly", async () => {
      const version = aVersion("Deploy", 1, {
        versionName: "first",
        displayName: "Deploy it",
        targetType: "/AWS::EC2::Instance",
        parameters: [
          { name: "who", type: "String", description: "", defaultValue: "" },
          { name: "list", type: "StringList", description: "required" },
        ],
      });
      assert.equal(await ctx.store.createDocument(aDocument("Deploy"), version, [{ Key: "team", Value: "ops" }]), true);
      assert.deepEqual(await ctx.store.getDocument("Deploy"), aDocument("Deploy"));
      assert.deepEqual(await ctx.store.getDocumentVersion("Deploy", 1), version);
      assert.deepEqual(await ctx.store.findDocumentVersionByName("Deploy", "first"), version);
      assert.deepEqual(await ctx.store.listTags("Document", "Deploy"), [{ Key: "team", Value: "ops" }]);
      assert.equal(await ctx.store.getDocument("deploy"), undefined);
      assert.equal(await ctx.store.getDocumentVersion("Deploy", 2), undefined);
      assert.equal(await ctx.store.findDocumentVersionByName("Deploy", "other"), undefined);
    });

    it("refuses to create a document whose name exists, keeping the first", async () => {
      assert.equal(await create("Deploy", { description: "original" }), true);
      assert.equal(await create("Deploy", { description: "intruder" }), false);
      assert.equal((await ctx.store.getDocumentVersion("Deploy", 1))?.description, "original");
      assert.equal(await ctx.store.countDocuments(), 1);
    });

    it("adds versions only on top of the expected latest, keeping the default", async () => {
      await create("Deploy");
      assert.equal(await ctx.store.addDocumentVersion(aVersion("Deploy", 2, { versionName: "two" }), 1), "added");
      assert.equal(await ctx.store.addDocumentVersion(aVersion("Deploy", 2, { hash: "other" }), 1), "stale");
      assert.equal(await ctx.store.addDocumentVersion(aVersion("Missing", 2), 1), "not-found");
      assert.deepEqual(await ctx.store.getDocument("Deploy"), aDocument("Deploy", { latestVersion: 2 }));
      assert.equal((await ctx.store.findDocumentVersionByName("Deploy", "two"))?.version, 2);
      await assert.rejects(ctx.store.addDocumentVersion(aVersion("Deploy", 5), 2), RangeError);
    });

    it("refuses a version whose hash or version name an existing version has", async () => {
      await create("Deploy", { versionName: "one" });
      await ctx.store.addDocumentVersion(aVersion("Deploy", 2), 1);
      const sameAsFirst = aVersion("Deploy", 3, { hash: "hash-Deploy-1" });
      assert.equal(await ctx.store.addDocumentVersion(sameAsFirst, 2), "duplicate-content");
      const sameName = aVersion("Deploy", 3, { versionName: "one" });
      assert.equal(await ctx.store.addDocumentVersion(sameName, 2), "duplicate-version-name");
      assert.equal((await ctx.store.getDocument("Deploy"))?.latestVersion, 2);
      assert.equal(await ctx.store.getDocumentVersion("Deploy", 3), undefined);
    });

    it("lets exactly one of two concurrent updates of the same latest win", async () => {
      await create("Deploy");
      const outcomes = await Promise.all([
        ctx.store.addDocumentVersion(aVersion("Deploy", 2, { hash: "a" }), 1),
        ctx.store.addDocumentVersion(aVersion("Deploy", 2, { hash: "b" }), 1),
      ]);
      assert.deepEqual([...outcomes].sort(), ["added", "stale"]);
      assert.equal((await ctx.store.getDocument("Deploy"))?.latestVersion, 2);
    });

    it("sets the default version only to a version that exists", async () => {
      await create("Deploy");
      await ctx.store.addDocumentVersion(aVersion("Deploy", 2), 1);
      assert.equal(await ctx.store.setDefaultDocumentVersion("Deploy", 2), true);
      assert.equal((await ctx.store.getDocument("Deploy"))?.defaultVersion, 2);
      assert.equal(await ctx.store.setDefaultDocumentVersion("Deploy", 3), false);
      assert.equal(await ctx.store.setDefaultDocumentVersion("Missing", 1), false);
      assert.equal((await ctx.store.getDocument("Deploy"))?.defaultVersion, 2);
    });

    it("lists documents by name in byte order with their default version, in pages", async () => {
      for (const name of ["beta", "Alpha", "alpha", "Gamma"]) await create(name);
      await ctx.store.addDocumentVersion(aVersion("beta", 2, { description: "second" }), 1);
      const first = await ctx.store.listDocuments({}, { offset: 0, limit: 3 });
      assert.deepEqual(
        first.items.map((s) => s.document.name),
        ["Alpha", "Gamma", "alpha"],
      );
      assert.equal(first.more, true);
      const second = await ctx.store.listDocuments({}, { offset: 3, limit: 3 });
      assert.equal(second.more, false);
      assert.deepEqual(second.items, [
        { document: aDocument("beta", { latestVersion: 2 }), version: aVersion("beta", 1) },
      ]);
      await ctx.store.setDefaultDocumentVersion("beta", 2);
      const [beta] = (await ctx.store.listDocuments({ namePrefixes: ["beta"] }, { offset: 0, limit: 5 })).items;
      assert.equal(beta?.version.description, "second");
    });

    it("filters documents by name prefix, type, platform, target type and tags", async () => {
      await create("web-deploy", { platformTypes: ["Linux", "MacOS"], targetType: "/AWS::EC2::Instance" });
      await create("web-restart", { platformTypes: ["Windows"] });
      await create("db-backup", { platformTypes: ["Windows", "Linux"] }, { documentType: "Automation" });
      await ctx.store.putTags("Document", "web-deploy", [{ Key: "env", Value: "prod" }]);
      await ctx.store.putTags("Document", "db-backup", [
        { Key: "env", Value: "dev" },
        { Key: "tier", Value: "data" },
      ]);
      await ctx.store.putTags("ManagedInstance", "web-restart", [{ Key: "env", Value: "prod" }]);
      const names = async (filter: Parameters<typeof ctx.store.listDocuments>[0]) =>
        (await ctx.store.listDocuments(filter, { offset: 0, limit: 10 })).items.map((s) => s.document.name);
      assert.deepEqual(await names({ namePrefixes: ["web-"] }), ["web-deploy", "web-restart"]);
      assert.deepEqual(await names({ namePrefixes: ["db", "web-r"] }), ["db-backup", "web-restart"]);
      assert.deepEqual(await names({ namePrefixes: ["Web"] }), []);
      assert.deepEqual(await names({ documentTypes: ["Automation"] }), ["db-backup"]);
      assert.deepEqual(await names({ platformTypes: ["Linux"] }), ["db-backup", "web-deploy"]);
      assert.deepEqual(await names({ platformTypes: ["windows", "MacOS"] }), [
        "db-backup",
        "web-deploy",
        "web-restart",
      ]);
      assert.deepEqual(await names({ platformTypes: ["Lin%", "_inux"] }), []);
      assert.deepEqual(await names({ targetTypes: ["/AWS::EC2::Instance"] }), ["web-deploy"]);
      assert.deepEqual(await names({ tags: [{ key: "env" }] }), ["db-backup", "web-deploy"]);
      assert.deepEqual(await names({ tags: [{ key: "env", values: ["prod"] }] }), ["web-deploy"]);
      assert.deepEqual(await names({ tags: [{ key: "env" }, { key: "tier", values: ["data"] }] }), ["db-backup"]);
      assert.deepEqual(await names({ namePrefixes: ["web"], platformTypes: ["Windows"] }), ["web-restart"]);
      assert.deepEqual(await names({ documentTypes: [] }), []);
    });

    it("lists a document's versions oldest first, in pages", async () => {
      await create("Deploy");
      await ctx.store.addDocumentVersion(aVersion("Deploy", 2), 1);
      await ctx.store.addDocumentVersion(aVersion("Deploy", 3), 2);
      const first = await ctx.store.listDocumentVersions("Deploy", { offset: 0, limit: 2 });
      assert.deepEqual(
        first.items.map((v) => v.version),
        [1, 2],
      );
      assert.equal(first.more, true);
      const rest = await ctx.store.listDocumentVersions("Deploy", { offset: 2, limit: 2 });
      assert.deepEqual(rest, { items: [aVersion("Deploy", 3)], more: false });
      assert.deepEqual(await ctx.store.listDocumentVersions("Missing", { offset: 0, limit: 2 }), {
        items: [],
        more: false,
      });
    });

    it("deletes one version, never the default, and lowers the latest when it goes", async () => {
      await create("Deploy");
      await ctx.store.addDocumentVersion(aVersion("Deploy", 2), 1);
      await ctx.store.addDocumentVersion(aVersion("Deploy", 3), 2);
      assert.equal(await ctx.store.deleteDocumentVersion("Deploy", 1), "default-version");
      assert.equal(await ctx.store.deleteDocumentVersion("Deploy", 2), "deleted");
      assert.equal((await ctx.store.getDocument("Deploy"))?.latestVersion, 3);
      assert.equal(await ctx.store.deleteDocumentVersion("Deploy", 3), "deleted");
      assert.deepEqual(await ctx.store.getDocument("Deploy"), aDocument("Deploy"));
      assert.equal(await ctx.store.deleteDocumentVersion("Deploy", 3), "not-found");
      assert.equal(await ctx.store.deleteDocumentVersion("Missing", 1), "not-found");
      assert.deepEqual(await ctx.store.getDocumentVersion("Deploy", 1), aVersion("Deploy", 1));
    });

    it("deletes a whole document with its versions and tags; the name can be used again", async () => {
      await ctx.store.createDocument(aDocument("Deploy"), aVersion("Deploy", 1), [{ Key: "k", Value: "v" }]);
      await ctx.store.addDocumentVersion(aVersion("Deploy", 2), 1);
      await create("Other");
      assert.equal(await ctx.store.countDocuments(), 2);
      assert.equal(await ctx.store.deleteDocument("Deploy"), true);
      assert.equal(await ctx.store.deleteDocument("Deploy"), false);
      assert.equal(await ctx.store.getDocument("Deploy"), undefined);
      assert.equal(await ctx.store.getDocumentVersion("Deploy", 2), undefined);
      assert.deepEqual(await ctx.store.listTags("Document", "Deploy"), []);
      assert.equal(await ctx.store.countDocuments(), 1);
      assert.equal(await create("Deploy", { description: "reborn" }), true);
      assert.equal((await ctx.store.getDocumentVersion("Deploy", 1))?.description, "reborn");
    });
  });
}
