import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LineSplitter } from "./line-splitter.ts";

describe("LineSplitter", () => {
  it("gives out a line only once its line end arrived, however the chunks are cut", () => {
    const text = "alpha\r\nbeta\n\ngamma\ndelta";
    for (let cut = 0; cut <= text.length; cut++) {
      const lines = new LineSplitter();
      const got = [...lines.push(text.slice(0, cut)), ...lines.push(text.slice(cut))];
      assert.deepEqual(got, ["alpha", "beta", "", "gamma"], `cut at ${cut}`);
      assert.equal(lines.pending, true);
      assert.equal(lines.flush(), "delta");
      assert.equal(lines.flush(), undefined);
    }
  });
});
