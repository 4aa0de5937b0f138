import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StepLines } from "./step-lines.ts";

describe("StepLines", () => {
  it("gives out each whole line once with its byte offset, across chunks, repeats and a final partial", () => {
    const lines = new StepLines();
    assert.deepEqual(lines.push(0, "héllo\nwor", 1), [{ offset: 0, text: "héllo" }]);
    assert.deepEqual(lines.push(0, "héllo\nwor", 2), []);
    assert.deepEqual(lines.push(7, "world\r\nbye", 3), [{ offset: 7, text: "world" }]);
    assert.equal(lines.pending, true);
    assert.deepEqual(lines.flush(), { offset: 14, text: "bye" });
    assert.deepEqual(lines.push(17, "!\n", 4), [{ offset: 17, text: "!" }]);
    assert.equal(lines.lastActivity, 4);
  });
});
