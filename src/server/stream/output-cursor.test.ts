import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutputCursor, streamKey } from "./output-cursor.ts";

describe("OutputCursor", () => {
  it("sends each byte of a step stream once: repeats are dropped, overlaps are cut", () => {
    const cursor = new OutputCursor();
    const key = streamKey("mi-1", "run", "stdout");
    assert.equal(cursor.advance(key, 0, "hello\n"), "hello\n");
    assert.equal(cursor.advance(key, 0, "hello\n"), "");
    assert.equal(cursor.advance(key, 3, "lo\nworld\n"), "world\n");
    assert.equal(cursor.advance(key, 12, "ü!\n"), "ü!\n");
    assert.equal(cursor.advance(key, 12, "ü!\n"), "");
  });

  it("keeps streams of different nodes, steps and streams apart, and passes gaps through", () => {
    const cursor = new OutputCursor();
    assert.equal(cursor.advance(streamKey("mi-1", "run", "stdout"), 0, "a"), "a");
    assert.equal(cursor.advance(streamKey("mi-1", "run", "stderr"), 0, "a"), "a");
    assert.equal(cursor.advance(streamKey("mi-2", "run", "stdout"), 0, "a"), "a");
    assert.equal(cursor.advance(streamKey("mi-1", "run", "stdout"), 10, "later"), "later");
  });
});
