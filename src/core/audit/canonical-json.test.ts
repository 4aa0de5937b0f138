import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson, parseJsonObject } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("gives equal text for equal values whatever their member order", () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [3, { y: 2, z: 1 }] }, b: 1 };
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("drops undefined members and keeps nulls", () => {
    assert.equal(canonicalJson({ a: undefined, b: null, c: [undefined] }), '{"b":null,"c":[null]}');
  });

  it("parses objects back and refuses anything else", () => {
    assert.deepEqual(parseJsonObject('{"a":1}'), { a: 1 });
    assert.equal(parseJsonObject("[1]"), undefined);
    assert.equal(parseJsonObject("{broken"), undefined);
  });
});
