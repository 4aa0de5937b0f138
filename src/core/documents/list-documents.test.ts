import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { MemoryDocumentStore } from "../../../test/support/memory-document-store.ts";
import type { PageRequest } from "../ports/store.ts";
import { AMAZON_OWNER, amazonDocuments } from "./amazon-documents.ts";
import { convertContent } from "./document-content.ts";
import { DocumentService } from "./document-service.ts";
import type { DocumentQuery } from "./list-documents.ts";

const content = (text: string) =>
  JSON.stringify({
    schemaVersion: "2.2",
    mainSteps: [{ action: "aws:runShellScript", name: "s", inputs: { runCommand: [`echo ${text}`] } }],
  });

describe("listing documents", () => {
  let store: MemoryDocumentStore;
  let docs: DocumentService;
  const amazonNames = [...amazonDocuments().keys()].sort();
  const all: DocumentQuery = { owners: { self: true, amazon: true }, filter: {} };

  beforeEach(async () => {
    store = new MemoryDocumentStore();
    docs = new DocumentService({ store, clock: { now: () => 1 }, accountId: "123456789012" });
    for (const name of ["zeta", "Alpha", "mid"]) await docs.create({ Name: name, Content: content(name) });
  });

  const names = async (query: DocumentQuery, page: PageRequest) => {
    const result = await docs.list(query, page);
    return { names: result.items.map((v) => v.document.name), more: result.more };
  };

  it("lists the built-ins (Owner Amazon) first, then the account's documents, each by name", async () => {
    const { names: listed, more } = await names(all, { offset: 0, limit: 50 });
    assert.deepEqual(listed, [...amazonNames, "Alpha", "mid", "zeta"]);
    assert.equal(more, false);
    const page = await docs.list(all, { offset: 0, limit: 1 });
    assert.equal(page.items[0]?.document.owner, AMAZON_OWNER);
  });

  it("pages across the boundary between built-ins and stored documents without gaps or repeats", async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await names(all, { offset, limit: 2 });
      seen.push(...page.names);
      if (!page.more) break;
    }
    assert.deepEqual(seen, [...amazonNames, "Alpha", "mid", "zeta"]);
    const exact = await names(all, { offset: 0, limit: amazonNames.length });
    assert.deepEqual(exact, { names: amazonNames, more: true });
  });

  it("restricts by owner and applies the filters to the built-ins too", async () => {
    assert.deepEqual(
      (await names({ owners: { self: true, amazon: false }, filter: {} }, { offset: 0, limit: 9 })).names,
      ["Alpha", "mid", "zeta"],
    );
    assert.deepEqual(
      (await names({ owners: { self: false, amazon: true }, filter: {} }, { offset: 0, limit: 50 })).names,
      amazonNames,
    );
    const shell = await names({ ...all, filter: { namePrefixes: ["AWS-RunShell", "mi"] } }, { offset: 0, limit: 9 });
    assert.deepEqual(shell.names, ["AWS-RunShellScript", "mid"]);
    const windows = await names({ ...all, filter: { platformTypes: ["windows"] } }, { offset: 0, limit: 9 });
    assert.ok(windows.names.includes("AWS-RunPowerShellScript"));
    assert.ok(!windows.names.includes("AWS-RunShellScript") && !windows.names.includes("mid"));
    const tagged = await names({ ...all, filter: { tags: [{ key: "any" }] } }, { offset: 0, limit: 9 });
    assert.deepEqual(tagged.names, []);
  });
});

describe("convertContent", () => {
  it("turns YAML into pretty JSON and back into equivalent YAML, keeping same-format text as is", () => {
    const yaml =
      'schemaVersion: "2.2"\nmainSteps:\n  - action: aws:runShellScript\n    name: s\n    inputs:\n      runCommand:\n        - echo "hi"\n';
    const json = convertContent(yaml, "YAML", "JSON");
    assert.deepEqual(JSON.parse(json), parseYaml(yaml));
    assert.match(json, /^\{\n {2}"schemaVersion": "2\.2",\n/);
    const back = convertContent(json, "JSON", "YAML");
    assert.deepEqual(parseYaml(back), parseYaml(yaml));
    assert.match(back, /schemaVersion: "2\.2"/);
    assert.equal(convertContent(yaml, "YAML", "YAML"), yaml);
    assert.throws(() => convertContent(json, "JSON", "TEXT"), /TEXT/);
  });
});
