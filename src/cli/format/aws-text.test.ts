import assert from "node:assert/strict";
import { test } from "node:test";
import { formatText } from "./aws-text.ts";

test("a list of objects: one line per object, scalars in key order, prefixed with the list name", () => {
  const text = formatText({
    Commands: [
      { CommandId: "c1", Status: "Success", TargetCount: 3, InstanceIds: ["mi-1", "mi-2"] },
      { CommandId: "c2", Status: "Failed", Comment: "x" },
    ],
  });
  assert.equal(
    text,
    ["COMMANDS\tc1\t\tSuccess\t3", "INSTANCEIDS\tmi-1", "INSTANCEIDS\tmi-2", "COMMANDS\tc2\tx\tFailed\t", ""].join(
      "\n",
    ),
  );
});

test("a top-level object prints its scalars bare; booleans, null and dates as aws prints them", () => {
  assert.equal(formatText({ ActivationId: "a", ActivationCode: "c" }), "c\ta\n");
  assert.equal(
    formatText({ X: [{ On: true, Off: false, None: null, At: new Date("2024-07-07T10:00:00Z") }] }),
    "X\t2024-07-07T10:00:00+00:00\tNone\tFalse\tTrue\n",
  );
  assert.equal(formatText({ Empty: [] }), "");
});

test("nested objects get their member name as the prefix", () => {
  assert.equal(
    formatText({
      Command: {
        CommandId: "c",
        CloudWatchOutputConfig: { CloudWatchOutputEnabled: false },
        Parameters: { commands: ["ls"] },
      },
    }),
    "COMMAND\tc\nCLOUDWATCHOUTPUTCONFIG\tFalse\nCOMMANDS\tls\n",
  );
});
