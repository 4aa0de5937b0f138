import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuditStore } from "../../core/ports/audit-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { AwsRequest } from "../http/aws-protocol.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";
import { CloudTrailProtocol } from "./cloudtrail-protocol.ts";

const store = { lookupAudit: async () => ({ items: [], more: false }) } as unknown as AuditStore;
const protocol = new CloudTrailProtocol({ store });
const caller = { accessKeyId: "AKIA1", userName: "alice", sourceIp: "::1", secureTransport: false };

function request(target: string, body = "{}"): AwsRequest {
  return {
    method: "POST",
    url: "/",
    headers: { "x-amz-target": target },
    body: Buffer.from(body),
    sourceIp: "::1",
    secure: false,
    requestId: "r",
  };
}

describe("CloudTrailProtocol", () => {
  it("owns both target spellings (botocore's full prefix and the smithy SDKs' shape name)", () => {
    for (const target of [
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
      "CloudTrail_20131101.LookupEvents",
    ]) {
      assert.ok(protocol.matches(request(target)), target);
      assert.equal(protocol.operationOf(request(target)), "LookupEvents");
    }
    assert.ok(!protocol.matches(request("AmazonSSM.SendCommand")));
  });

  it("answers LookupEvents in JSON 1.1 and refuses other operations and bad JSON", async () => {
    const { response, output } = await protocol.handle(request("CloudTrail_20131101.LookupEvents"), caller);
    assert.equal(response.status, 200);
    assert.equal(response.contentType, "application/x-amz-json-1.1");
    assert.deepEqual(JSON.parse(response.body.toString()), { Events: [] });
    assert.deepEqual(output, { Events: [] });
    await assert.rejects(
      protocol.handle(request("CloudTrail_20131101.DescribeTrails"), caller),
      (e: unknown) => e instanceof CloudTrailError && e.code === "UnknownOperationException",
    );
    await assert.rejects(
      protocol.handle(request("CloudTrail_20131101.LookupEvents", "{"), caller),
      (e: unknown) => e instanceof SsmError && e.code === "SerializationException",
    );
  });

  it("encodes errors as {__type, message}: its own with HTTP 400, SigV4 ones as the edge does, others as 500", () => {
    const own = protocol.encodeError(new CloudTrailError("InvalidMaxResultsException", "too many"));
    assert.equal(own.status, 400);
    assert.deepEqual(JSON.parse(own.body.toString()), {
      __type: "InvalidMaxResultsException",
      message: "too many",
      Message: "too many",
    });
    const sig = protocol.encodeError(new SsmError("InvalidSignatureException", "bad"));
    assert.equal(JSON.parse(sig.body.toString()).__type, "InvalidSignatureException");
    const bug = protocol.encodeError(new Error("oops"));
    assert.equal(bug.status, 500);
    assert.equal(JSON.parse(bug.body.toString()).__type, "InternalServerError");
  });
});
