import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aCommand, T0 } from "../../store/contract/fixtures.ts";
import { commandNotification, invocationNotification } from "./notification-message.ts";

describe("SNS notification messages", () => {
  it("builds the command message with exactly the documented fields", () => {
    const command = aCommand("cmd-1", { status: "Success", instanceIds: ["mi-00000000000000001"] });
    assert.deepEqual(commandNotification(command, T0 + 2500), {
      commandId: "cmd-1",
      documentName: "AWS-RunShellScript",
      instanceIds: ["mi-00000000000000001"],
      requestedDateTime: "2023-11-14T22:13:20.000Z",
      expiresAfter: "2023-11-14T23:13:20.000Z",
      outputS3BucketName: "bucket",
      outputS3KeyPrefix: "prefix/",
      status: "Success",
      eventTime: "2023-11-14T22:13:22.500Z",
    });
  });

  it("lists no instance ids for a command that targeted tags", () => {
    const command = aCommand("cmd-1", { instanceIds: [], targets: [{ Key: "tag:Role", Values: ["web"] }] });
    assert.deepEqual(commandNotification(command, T0).instanceIds, []);
  });

  it("lists the ids of an InstanceIds target", () => {
    const command = aCommand("cmd-1", { instanceIds: [], targets: [{ Key: "InstanceIds", Values: ["mi-a", "mi-b"] }] });
    assert.deepEqual(commandNotification(command, T0).instanceIds, ["mi-a", "mi-b"]);
  });

  it("builds the invocation message with exactly the documented fields", () => {
    assert.deepEqual(invocationNotification(aCommand("cmd-2"), "mi-00000000000000002", "TimedOut", T0), {
      commandId: "cmd-2",
      documentName: "AWS-RunShellScript",
      instanceId: "mi-00000000000000002",
      requestedDateTime: "2023-11-14T22:13:20.000Z",
      status: "TimedOut",
      eventTime: "2023-11-14T22:13:20.000Z",
    });
  });
});
