import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import { attachedDocuments } from "./attached-documents.ts";
import type { DocumentCatalog } from "./document-catalog.ts";

/** A catalog over fixed documents; records what was asked. */
function catalog(docs: Record<string, string>): DocumentCatalog & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolve(name, version) {
      const key = version ? `${name}:${version}` : name;
      asked.push(key);
      const content = docs[key];
      if (content === undefined) throw new SsmError("InvalidDocument", `no ${key}`);
      return { name, version: version ?? "1", content, hash: "h" };
    },
  };
}

const doc = (...steps: object[]) => JSON.stringify({ schemaVersion: "2.2", parameters: {}, mainSteps: steps });
const run = (name: string, documentPath: string, documentParameters?: unknown) => ({
  action: "aws:runDocument",
  name,
  inputs: { documentType: "SSMDocument", documentPath, ...(documentParameters ? { documentParameters } : {}) },
});
const shell = { action: "aws:runShellScript", name: "s", inputs: { runCommand: ["true"] } };

describe("attachedDocuments", () => {
  it("attaches the documents the interpolated steps name, by the key the step wrote", async () => {
    const outer = JSON.stringify({
      schemaVersion: "2.2",
      parameters: { target: { type: "String" } },
      mainSteps: [
        run("a", "{{ target }}"),
        {
          action: "aws:downloadContent",
          name: "d",
          inputs: { sourceType: "SSMDocument", sourceInfo: '{"name":"Fetched","version":"2"}' },
        },
        run("gone", "Unknown"),
      ],
    });
    const found = await attachedDocuments(catalog({ "Inner:3": doc(shell), "Fetched:2": "x: 1\n" }), outer, {
      target: "Inner:3",
    });
    assert.deepEqual(found, { "Inner:3": doc(shell), "Fetched:2": "x: 1\n" });
  });

  it("follows nested references with the parameters passed, down to three levels", async () => {
    const level3 = doc(run("four", "L4"));
    const level2 = JSON.stringify({
      schemaVersion: "2.2",
      parameters: { next: { type: "String" } },
      mainSteps: [run("three", "{{ next }}")],
    });
    const cat = catalog({ L2: level2, L3: level3, L4: doc(run("five", "L5")), L5: doc(shell) });
    const found = await attachedDocuments(cat, doc(run("two", "L2", { next: "L3" })), {});
    assert.deepEqual(Object.keys(found), ["L2", "L3", "L4"]);
    assert.deepEqual(cat.asked, ["L2", "L3", "L4"], "a fourth nested level is never looked up");
  });
});
