import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseNotificationTarget, topicArn } from "./notification-target.ts";

describe("NotificationArn targets", () => {
  it("reads http(s) URLs as webhooks", () => {
    assert.deepEqual(parseNotificationTarget("https://hooks.example/ssm?x=1"), {
      kind: "webhook",
      url: "https://hooks.example/ssm?x=1",
    });
    assert.deepEqual(parseNotificationTarget("http://127.0.0.1:9000/"), {
      kind: "webhook",
      url: "http://127.0.0.1:9000/",
    });
  });

  it("reads SNS topic ARNs and bare names as topics", () => {
    assert.deepEqual(parseNotificationTarget("arn:aws:sns:us-east-1:123456789012:ops-alerts"), {
      kind: "topic",
      name: "ops-alerts",
    });
    assert.deepEqual(parseNotificationTarget("ops_alerts"), { kind: "topic", name: "ops_alerts" });
    assert.equal(topicArn("eu-west-1", "000000000000", "ops"), "arn:aws:sns:eu-west-1:000000000000:ops");
  });

  it("refuses anything else", () => {
    for (const arn of ["ftp://host/x", "https://", "arn:aws:sqs:us-east-1:1:queue", "two words", "a/b", ""]) {
      assert.equal(parseNotificationTarget(arn), undefined, arn);
    }
  });
});
