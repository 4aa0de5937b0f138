import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson, isoTimestamp } from "./aws-json.ts";

test("json as aws prints it: no $metadata, no undefined members, Python-style timestamps, 4-space indent", () => {
  const text = formatJson({
    $metadata: { httpStatusCode: 200 },
    Command: { CommandId: "c", Comment: undefined, RequestedDateTime: new Date("2024-07-07T10:00:00.250Z") },
  });
  assert.equal(
    text,
    '{\n    "Command": {\n        "CommandId": "c",\n        "RequestedDateTime": "2024-07-07T10:00:00.250000+00:00"\n    }\n}\n',
  );
  assert.equal(isoTimestamp(new Date("2024-07-07T10:00:00Z")), "2024-07-07T10:00:00+00:00");
});
