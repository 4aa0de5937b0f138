import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import type { AuditRecord } from "../../core/audit/audit-record.ts";
import { HIDDEN } from "../../core/audit/redact.ts";
import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import type { CommandRecord } from "../../core/model.ts";
import type { AuditStore } from "../../core/ports/audit-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import type { AwsProtocol } from "../http/aws-protocol.ts";
import { ApiCallAuditor } from "./api-call-auditor.ts";
import { AuditTrail } from "./audit-trail.ts";

const DOCUMENT = JSON.stringify({
  schemaVersion: "2.2",
  parameters: { motto: { type: "String", noEcho: true }, who: { type: "String" } },
  mainSteps: [],
});

function setup() {
  const written: AuditRecord[] = [];
  const store = {
    appendAudit: async (records: readonly AuditRecord[]) => {
      written.push(...records);
      return [];
    },
  } as unknown as AuditStore;
  const trail = new AuditTrail({ store, log: pino({ level: "silent" }) });
  let n = 0;
  const common = {
    trail,
    clock: { now: () => Date.UTC(2026, 0, 1) },
    ids: { uuid: () => `id-${++n}`, nodeId: () => "mi-x", secret: () => "s" },
    region: "us-east-1",
    accountId: "123456789012",
  };
  return { written, trail, common };
}

const ssm = { service: "ssm", eventSource: "ssm.amazonaws.com" } as AwsProtocol;

function sendCommand(overrides: Partial<ApiCallRecord>): ApiCallRecord {
  return {
    request: {
      method: "POST",
      url: "/",
      headers: {},
      body: Buffer.alloc(0),
      sourceIp: "::1",
      secure: false,
      requestId: "r",
    },
    protocol: ssm,
    operation: "SendCommand",
    caller: { accessKeyId: "AKIA1", userName: "alice", sourceIp: "::1", secureTransport: false },
    input: { DocumentName: "Greet", Parameters: { motto: ["carpe diem"], who: ["world"] } },
    output: undefined,
    error: undefined,
    status: 200,
    ...overrides,
  };
}

describe("ApiCallAuditor", () => {
  it("hides SendCommand parameters the command's document marks noEcho", async () => {
    const { written, trail, common } = setup();
    const store = { getCommand: async () => ({ documentContent: DOCUMENT }) as CommandRecord };
    const documents: DocumentCatalog = { resolve: async () => assert.fail("the stored command has the document") };
    const auditor = new ApiCallAuditor({ ...common, store, documents });
    await auditor.onCall(
      sendCommand({ output: { Command: { CommandId: "c-1", Parameters: { motto: ["carpe diem"] } } } }),
    );
    await trail.close();
    assert.deepEqual(written[0]?.requestParameters, {
      DocumentName: "Greet",
      Parameters: { motto: [HIDDEN], who: ["world"] },
    });
    assert.deepEqual(written[0]?.responseElements, { Command: { CommandId: "c-1", Parameters: { motto: [HIDDEN] } } });
  });

  it("finds the document by name when the call failed, and hides everything if the store fails", async () => {
    const { written, trail, common } = setup();
    const failing = new SsmError("InvalidInstanceId", "no such node");
    const byName = new ApiCallAuditor({
      ...common,
      store: { getCommand: async () => undefined },
      documents: { resolve: async () => ({ name: "Greet", version: "1", content: DOCUMENT, hash: "h" }) },
    });
    await byName.onCall(sendCommand({ error: failing }));
    const broken = new ApiCallAuditor({
      ...common,
      store: { getCommand: async () => Promise.reject(new Error("disk gone")) },
      documents: { resolve: async () => Promise.reject(new Error("disk gone")) },
    });
    await broken.onCall(sendCommand({ output: { Command: { CommandId: "c-2" } } }));
    await trail.close();
    assert.deepEqual(written[0]?.requestParameters, {
      DocumentName: "Greet",
      Parameters: { motto: [HIDDEN], who: ["world"] },
    });
    assert.equal(written[0]?.errorCode, "InvalidInstanceId");
    assert.deepEqual(written[1]?.requestParameters, {
      DocumentName: "Greet",
      Parameters: { motto: [HIDDEN], who: [HIDDEN] },
    });
  });
});
