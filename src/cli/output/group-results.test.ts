import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupResults, groupSummary, type NodeResult, renderGroups, resultLabel } from "./group-results.ts";

const ok = (n: number, output = "ok\n"): NodeResult => ({
  instanceId: `mi-${String(n).padStart(17, "0")}`,
  status: "Success",
  statusDetails: "Success",
  responseCode: 0,
  output,
});
const failed = (n: number, code: number, output: string): NodeResult => ({
  ...ok(n, output),
  status: "Failed",
  statusDetails: "Failed",
  responseCode: code,
});

describe("clubak-style grouping", () => {
  it("folds a thousand identical results into one group with the output shown once", () => {
    const results = [
      ...Array.from({ length: 997 }, (_, i) => ok(i + 1)),
      failed(998, 1, "disk full\n"),
      failed(999, 1, "disk full\n"),
      failed(1000, 1, "disk full\n"),
    ];
    const groups = groupResults(results);
    assert.equal(groups.length, 2);
    assert.equal(groupSummary(groups), "997 nodes: Success · 3 nodes: exit 1");
    const text = renderGroups(groups);
    assert.ok(text.split("\n").length < 12, text);
    assert.equal(text.match(/^ok$/gm)?.length, 1);
    assert.match(text, /^mi-0000000000000\[0998-1000\] \(3\) exit 1$/m);
    assert.match(text, /^mi-00000000000000\[001-997\] \(997\) Success$/m);
  });

  it("keeps nodes apart when their status, code or output differ, and counts labels in the summary", () => {
    const groups = groupResults([ok(1), ok(2, "other\n"), failed(3, 1, "x"), failed(4, 2, "x"), failed(5, 1, "x")]);
    assert.deepEqual(
      groups.map((g) => [g.label, g.nodes.length]),
      [
        ["exit 1", 2],
        ["Success", 1],
        ["Success", 1],
        ["exit 2", 1],
      ],
    );
    assert.equal(groupSummary(groups), "2 nodes: Success · 2 nodes: exit 1 · 1 node: exit 2");
  });

  it("labels results as a person reads them", () => {
    assert.equal(
      resultLabel({ status: "TimedOut", statusDetails: "ExecutionTimedOut", responseCode: -1 }),
      "ExecutionTimedOut",
    );
    assert.equal(resultLabel({ status: "Failed", statusDetails: "Failed", responseCode: 127 }), "exit 127");
  });
});
