import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FollowPrinter, prefixLines } from "./follow-printer.ts";

describe("FollowPrinter", () => {
  it("interleaves nodes line by line, never mixing a partial line of one node with another's", () => {
    const out: string[] = [];
    const err: string[] = [];
    const printer = new FollowPrinter({ stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    printer.output("mi-a", "run", "stdout", "a1\na2-par");
    printer.output("mi-b", "run", "stdout", "b1-par");
    printer.output("mi-a", "run", "stderr", "warn\n");
    printer.output("mi-b", "run", "stdout", "tial\nb2");
    printer.output("mi-a", "run", "stdout", "tial\n");
    printer.flush();
    assert.equal(out.join(""), "mi-a: a1\nmi-b: b1-partial\nmi-a: a2-partial\nmi-b: b2\n");
    assert.equal(err.join(""), "mi-a: warn\n");
  });

  it("prefixes each line of a whole output", () => {
    assert.equal(prefixLines("mi-a", "x\r\ny"), "mi-a: x\nmi-a: y\n");
    assert.equal(prefixLines("mi-a", ""), "");
  });
});
