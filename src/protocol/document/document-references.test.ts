import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentReferences, nestedParameters, parseDocumentReference } from "./document-references.ts";
import type { ParameterDefinition } from "./types.ts";

describe("parseDocumentReference", () => {
  it("splits a version number, $LATEST or $DEFAULT off the name; ARNs keep their colons", () => {
    assert.deepEqual(parseDocumentReference("Mine:3"), { key: "Mine:3", name: "Mine", version: "3" });
    assert.deepEqual(parseDocumentReference("Mine:$LATEST"), { key: "Mine:$LATEST", name: "Mine", version: "$LATEST" });
    assert.deepEqual(parseDocumentReference("Mine"), { key: "Mine", name: "Mine" });
    const arn = "arn:aws:ssm:us-east-1:123456789012:document/Mine";
    assert.deepEqual(parseDocumentReference(arn), { key: arn, name: arn });
  });
});

describe("documentReferences", () => {
  it("finds SSMDocument references of aws:runDocument and aws:downloadContent, each once", () => {
    const refs = documentReferences([
      { action: "aws:runDocument", inputs: { documentType: "SSMDocument", documentPath: "A:2" } },
      { action: "aws:runDocument", inputs: { documentType: "LocalPath", documentPath: "/tmp/x.json" } },
      { action: "aws:downloadContent", inputs: { sourceType: "SSMDocument", sourceInfo: '{"name":"B"}' } },
      { action: "aws:downloadContent", inputs: { sourceType: "HTTP", sourceInfo: { url: "https://x" } } },
      { action: "aws:runDocument", inputs: { documentType: "SSMDocument", documentPath: "A:2" } },
    ]);
    assert.deepEqual(
      refs.map((r) => r.key),
      ["A:2", "B"],
    );
  });
});

describe("nestedParameters", () => {
  const defs: Record<string, ParameterDefinition> = {
    name: { type: "String", allowedPattern: "^[a-z]+$" },
    items: { type: "StringList", default: [] },
    count: { type: "Integer", default: 1 },
    on: { type: "Boolean", default: false },
  };

  it("types values given as an object or as JSON text, applying defaults", () => {
    assert.deepEqual(nestedParameters(defs, { name: "ab", items: ["x", "y"], count: 3, on: true }), {
      name: "ab",
      items: ["x", "y"],
      count: 3,
      on: true,
    });
    assert.deepEqual(nestedParameters(defs, '{"name":"cd","count":"7"}'), {
      name: "cd",
      items: [],
      count: 7,
      on: false,
    });
  });

  it("refuses values that break the nested document's rules, and text that is not a JSON object", () => {
    assert.throws(() => nestedParameters(defs, { name: "x; rm -rf /" }), { code: "InvalidParameters" });
    assert.throws(() => nestedParameters(defs, "not json"), /documentParameters must be an object/);
    assert.throws(() => nestedParameters(defs, {}), /"name" is required/);
  });
});
