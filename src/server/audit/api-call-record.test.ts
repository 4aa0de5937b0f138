import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HIDDEN } from "../../core/audit/redact.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import type { AwsProtocol } from "../http/aws-protocol.ts";
import { apiCallRecord } from "./api-call-record.ts";

const ssm = { service: "ssm", eventSource: "ssm.amazonaws.com" } as AwsProtocol;
const meta = {
  eventTime: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  eventId: "ev-1",
  region: "eu-west-1",
  accountId: "123456789012",
};
const alice = { accessKeyId: "AKIAALICE", userName: "alice", sourceIp: "10.0.0.7", secureTransport: false };

function call(overrides: Partial<ApiCallRecord>): ApiCallRecord {
  return {
    request: {
      method: "POST",
      url: "/",
      headers: { "user-agent": "aws-cli/2.9", "content-type": "application/x-amz-json-1.1" },
      body: Buffer.alloc(0),
      sourceIp: "10.0.0.7",
      secure: false,
      requestId: "req-1",
    },
    protocol: ssm,
    operation: "SendCommand",
    caller: alice,
    input: {},
    output: {},
    error: undefined,
    status: 200,
    ...overrides,
  };
}

const nameRule = (name: string) => /password|secret|token|key/i.test(name);

describe("apiCallRecord", () => {
  it("fills CloudTrail's fields for an allowed call by an IAM user", () => {
    const record = apiCallRecord(
      call({ input: { InstanceIds: ["mi-1"] }, output: { Command: { CommandId: "c" } } }),
      meta,
      nameRule,
    );
    assert.deepEqual(record, {
      eventVersion: "1.08",
      userIdentity: {
        type: "IAMUser",
        principalId: "alice",
        arn: "arn:aws:iam::123456789012:user/alice",
        accountId: "123456789012",
        accessKeyId: "AKIAALICE",
        userName: "alice",
      },
      eventTime: "2026-01-02T03:04:05Z",
      eventSource: "ssm.amazonaws.com",
      eventName: "SendCommand",
      awsRegion: "eu-west-1",
      sourceIPAddress: "10.0.0.7",
      userAgent: "aws-cli/2.9",
      requestParameters: { InstanceIds: ["mi-1"] },
      responseElements: { Command: { CommandId: "c" } },
      requestID: "req-1",
      eventID: "ev-1",
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: "123456789012",
      eventCategory: "Management",
    });
  });

  it("records a refused signature with the error, the claimed key and the parameters, but no signature", () => {
    const body = Buffer.from(JSON.stringify({ InstanceIds: ["mi-1"] }));
    const authorization =
      "AWS4-HMAC-SHA256 Credential=AKIAALICE/20260102/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=deadbeef";
    const record = apiCallRecord(
      call({
        request: { ...call({}).request, body, headers: { ...call({}).request.headers, authorization } },
        caller: undefined,
        input: undefined,
        output: undefined,
        error: new SsmError("IncompleteSignatureException", `Bad. Authorization=${authorization}`),
        status: 400,
      }),
      meta,
      nameRule,
    );
    assert.deepEqual(record.userIdentity, { type: "Unknown", accessKeyId: "AKIAALICE" });
    assert.equal(record.errorCode, "IncompleteSignatureException");
    assert.deepEqual(record.requestParameters, { InstanceIds: ["mi-1"] });
    assert.equal(record.responseElements, null);
    assert.doesNotMatch(JSON.stringify(record), /deadbeef/);
  });

  it("hides CreateActivation's code and secret SendCommand parameters in request and response", () => {
    const activation = apiCallRecord(
      call({ operation: "CreateActivation", output: { ActivationId: "a-1", ActivationCode: "very-secret-code" } }),
      meta,
      nameRule,
    );
    assert.deepEqual(activation.responseElements, { ActivationId: "a-1", ActivationCode: HIDDEN });
    const params = { commands: ["echo hi"], dbPassword: ["pw"], motto: ["quiet"] };
    const send = apiCallRecord(
      call({ input: { Parameters: params }, output: { Command: { CommandId: "c", Parameters: params } } }),
      meta,
      (name) => name === "motto" || nameRule(name),
    );
    const hidden = { commands: ["echo hi"], dbPassword: [HIDDEN], motto: [HIDDEN] };
    assert.deepEqual(send.requestParameters, { Parameters: hidden });
    assert.deepEqual(send.responseElements, { Command: { CommandId: "c", Parameters: hidden } });
  });

  it("keeps no response of read-only calls (command output never lands in the trail)", () => {
    const record = apiCallRecord(
      call({ operation: "GetCommandInvocation", output: { StandardOutputContent: "db password is hunter2" } }),
      meta,
      nameRule,
    );
    assert.equal(record.readOnly, true);
    assert.equal(record.responseElements, null);
  });

  it("records internal errors without their internals", () => {
    const record = apiCallRecord(
      call({ error: new Error("connection to 10.9.9.9 refused"), status: 500 }),
      meta,
      nameRule,
    );
    assert.equal(record.errorCode, "InternalServerError");
    assert.equal(record.errorMessage, "An internal error occurred.");
  });

  it("reads a Query-protocol body the protocol never decoded, hiding its secrets", () => {
    const body = Buffer.from("Action=CreateLoginProfile&Version=2010-05-08&UserName=bob&Password=hunter2");
    const record = apiCallRecord(
      call({
        request: { ...call({}).request, body, headers: { "content-type": "application/x-www-form-urlencoded" } },
        protocol: { service: "iam", eventSource: "iam.amazonaws.com" } as AwsProtocol,
        operation: "CreateLoginProfile",
        caller: undefined,
        input: undefined,
        error: new SsmError("MissingAuthenticationTokenException", "Request is missing Authentication Token"),
      }),
      meta,
      nameRule,
    );
    assert.deepEqual(record.requestParameters, { UserName: "bob", Password: HIDDEN });
    assert.deepEqual(record.userIdentity, { type: "Unknown" });
  });

  it("summarises huge parameters instead of storing them", () => {
    const record = apiCallRecord(
      call({ operation: "CreateDocument", input: { Content: "x".repeat(100_000) } }),
      meta,
      nameRule,
    );
    assert.deepEqual(record.requestParameters, { omitted: true, originalSize: 100_014 });
  });
});
