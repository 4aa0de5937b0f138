import assert from "node:assert/strict";
import { test } from "node:test";
import { firstLine, summarizeInvocation } from "./invocation-summary.ts";

test("a node's row shows the deciding step's code and the first line of its output", () => {
  const ok = summarizeInvocation({
    InstanceId: "mi-1",
    InstanceName: "web1",
    Status: "Success",
    StatusDetails: "Success",
    CommandPlugins: [{ Name: "a", Status: "Success", ResponseCode: 0, Output: "\n  hello  \nworld\n" }],
  });
  assert.deepEqual(ok, {
    instanceId: "mi-1",
    instanceName: "web1",
    status: "Success",
    responseCode: "0",
    firstLine: "hello",
  });
  const failed = summarizeInvocation({
    InstanceId: "mi-2",
    Status: "Failed",
    StatusDetails: "Failed",
    CommandPlugins: [
      { Name: "a", Status: "Success", ResponseCode: 0, Output: "fine" },
      { Name: "b", Status: "Failed", ResponseCode: 3, Output: "\n----------ERROR-------\ndisk full\n" },
      { Name: "c", Status: "Pending", ResponseCode: -1 },
    ],
  });
  assert.equal(failed.responseCode, "3");
  assert.equal(failed.firstLine, "disk full");
});

test("a node that never ran shows '-' for the code", () => {
  const row = summarizeInvocation({ InstanceId: "mi-3", Status: "Failed", StatusDetails: "Undeliverable" });
  assert.equal(row.responseCode, "-");
  assert.equal(row.status, "Undeliverable");
  assert.equal(firstLine(undefined), "");
});
