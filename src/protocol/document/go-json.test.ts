import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goJsonMarshal } from "./go-json.ts";

describe("goJsonMarshal", () => {
  it("writes compact JSON with object keys in byte order, including integer-like keys", () => {
    assert.equal(
      goJsonMarshal({ b: 1, a: [true, null, "x"], 10: 0, 2: 0 }),
      '{"10":0,"2":0,"a":[true,null,"x"],"b":1}',
    );
  });

  it("escapes HTML characters, line separators and control characters as Go does", () => {
    assert.equal(goJsonMarshal("<a & b>\u2028\b\n"), '"\\u003ca \\u0026 b\\u003e\\u2028\\u0008\\n"');
    assert.equal(goJsonMarshal("\ud800x"), '"\\ufffdx"');
    assert.equal(goJsonMarshal("😀"), '"😀"');
  });

  it("writes null for values JSON cannot hold", () => {
    assert.equal(goJsonMarshal(undefined), "null");
    assert.equal(goJsonMarshal(Number.NaN), "null");
    assert.equal(goJsonMarshal({ a: undefined, b: 1 }), '{"b":1}');
  });
});
