import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aCommand, aNode, T0 } from "../../store/contract/fixtures.ts";
import { commandStatusEvent, invocationStatusEvent, nodeEvent } from "./status-events.ts";

const env = { id: "ev-1", time: T0 + 1000, region: "us-east-1", account: "123456789012" };

describe("status-change events", () => {
  it("builds the command event in EventBridge's shape", () => {
    const command = aCommand("cmd-1", { status: "InProgress", parameters: { commands: ["date"] } });
    assert.deepEqual(commandStatusEvent(command, env), {
      version: "0",
      id: "ev-1",
      "detail-type": "EC2 Command Status-change Notification",
      source: "aws.ssm",
      account: "123456789012",
      time: "2023-11-14T22:13:21.000Z",
      region: "us-east-1",
      resources: ["arn:aws:ec2:us-east-1:123456789012:instance/mi-00000000000000001"],
      detail: {
        "command-id": "cmd-1",
        "document-name": "AWS-RunShellScript",
        "expire-after": "2023-11-14T23:13:20.000Z",
        parameters: { commands: ["date"] },
        "requested-date-time": "2023-11-14T22:13:20.000Z",
        status: "InProgress",
      },
    });
  });

  it("builds the invocation event with the node as its resource", () => {
    const event = invocationStatusEvent(aCommand("cmd-1"), "mi-00000000000000002", "Failed", env);
    assert.equal(event["detail-type"], "EC2 Command Invocation Status-change Notification");
    assert.equal(event.source, "aws.ssm");
    assert.deepEqual(event.resources, ["arn:aws:ec2:us-east-1:123456789012:instance/mi-00000000000000002"]);
    assert.deepEqual(event.detail, {
      "command-id": "cmd-1",
      "document-name": "AWS-RunShellScript",
      "instance-id": "mi-00000000000000002",
      "requested-date-time": "2023-11-14T22:13:20.000Z",
      status: "Failed",
    });
  });

  it("builds node events with the node's facts and tags", () => {
    const node = aNode("mi-00000000000000003");
    const event = nodeEvent("Registered", node.instanceId, node, [{ Key: "Role", Value: "web" }], env);
    assert.equal(event.source, "fleetrun");
    assert.equal(event["detail-type"], "Managed Node Registered");
    assert.equal(event.detail["instance-id"], "mi-00000000000000003");
    assert.equal(event.detail["platform-type"], "Linux");
    assert.deepEqual(event.detail.tags, { Role: "web" });
    const lost = nodeEvent("ConnectionLost", node.instanceId, undefined, [], env);
    assert.equal(lost["detail-type"], "Managed Node Connection Lost");
    assert.deepEqual(lost.detail, { "instance-id": "mi-00000000000000003" });
  });
});
