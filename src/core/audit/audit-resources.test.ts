import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuditRecord } from "./audit-record.ts";
import { resourcesOf } from "./audit-resources.ts";

function anAuditRecord(_n: number, overrides: Partial<AuditRecord>): AuditRecord {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "Unknown" },
    eventTime: "2026-01-02T03:04:05Z",
    eventSource: "ssm.amazonaws.com",
    eventName: "SendCommand",
    awsRegion: "us-east-1",
    sourceIPAddress: "127.0.0.1",
    userAgent: "test",
    requestParameters: null,
    responseElements: null,
    requestID: "r",
    eventID: "e",
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: "123456789012",
    eventCategory: "Management",
    ...overrides,
  };
}

describe("resourcesOf", () => {
  it("names the document, nodes and command of a SendCommand, once each", () => {
    const record = anAuditRecord(1, {
      requestParameters: { DocumentName: "AWS-RunShellScript", InstanceIds: ["mi-1", "mi-2"] },
      responseElements: { Command: { CommandId: "c-1", DocumentName: "AWS-RunShellScript", InstanceIds: ["mi-1"] } },
    });
    assert.deepEqual(resourcesOf(record), [
      { ResourceType: "AWS::SSM::Document", ResourceName: "AWS-RunShellScript" },
      { ResourceType: "AWS::SSM::ManagedInstance", ResourceName: "mi-1" },
      { ResourceType: "AWS::SSM::ManagedInstance", ResourceName: "mi-2" },
      { ResourceType: "AWS::SSM::Command", ResourceName: "c-1" },
    ]);
  });

  it("reads a bare Name as a document only in SSM events, and skips hidden values", () => {
    const ssm = anAuditRecord(1, { requestParameters: { Name: "MyDoc" } });
    assert.deepEqual(resourcesOf(ssm), [{ ResourceType: "AWS::SSM::Document", ResourceName: "MyDoc" }]);
    const iam = anAuditRecord(1, {
      eventSource: "iam.amazonaws.com",
      requestParameters: { Name: "x", UserName: "bob" },
      responseElements: { AccessKey: { AccessKeyId: "AKIA2", SecretAccessKey: "HIDDEN_DUE_TO_SECURITY_REASONS" } },
    });
    assert.deepEqual(resourcesOf(iam), [
      { ResourceType: "AWS::IAM::User", ResourceName: "bob" },
      { ResourceType: "AWS::IAM::AccessKey", ResourceName: "AKIA2" },
    ]);
  });
});
