import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import type { AuditRecord } from "../../core/audit/audit-record.ts";
import type { AuditStore } from "../../core/ports/audit-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import { AgentAuditor } from "./agent-auditor.ts";
import { AuditTrail } from "./audit-trail.ts";

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

describe("AgentAuditor", () => {
  it("records registration, connection, results and refusals as service events of the node", async () => {
    const { written, trail, common } = setup();
    const audit = new AgentAuditor(common).for({ sourceIp: "10.1.1.1", userAgent: "fleetrun-agent/0.1" });
    const request = { activationId: "a-1", activationCode: "the-code-1234567890", info: { computerName: "web1" } };
    audit.registered(request, { instanceId: "mi-0123456789abcdef0" });
    audit.registered(request, { error: new SsmError("InvalidActivation", "bad code") });
    audit.connected("mi-0123456789abcdef0");
    audit.result("mi-0123456789abcdef0", { commandId: "c-1", status: "Success", responseCode: 0 });
    audit.result(
      "mi-0123456789abcdef0",
      { commandId: "c-9", status: "Success", responseCode: 0 },
      { errorCode: "InvocationDoesNotExist", errorMessage: "not yours" },
    );
    audit.handshakeRefused("mi-fffffffffffffffff", {
      errorCode: "AuthenticationFailed",
      errorMessage: "bad signature",
    });
    audit.disconnected("mi-0123456789abcdef0");
    await trail.close();
    assert.deepEqual(
      written.map((r) => [r.eventName, r.userIdentity.type, r.errorCode ?? "-"]),
      [
        ["RegisterManagedInstance", "ManagedInstance", "-"],
        ["RegisterManagedInstance", "Unknown", "InvalidActivation"],
        ["AgentConnected", "ManagedInstance", "-"],
        ["SendCommandResult", "ManagedInstance", "-"],
        ["SendCommandResult", "ManagedInstance", "InvocationDoesNotExist"],
        ["AgentHandshakeRefused", "Unknown", "AuthenticationFailed"],
        ["AgentDisconnected", "ManagedInstance", "-"],
      ],
    );
    const first = written[0]!;
    assert.deepEqual(first.userIdentity, {
      type: "ManagedInstance",
      principalId: "mi-0123456789abcdef0",
      accountId: "123456789012",
    });
    assert.equal(first.eventType, "AwsServiceEvent");
    assert.equal(first.eventSource, "ssm.amazonaws.com");
    assert.equal(first.sourceIPAddress, "10.1.1.1");
    assert.deepEqual(first.responseElements, { instanceId: "mi-0123456789abcdef0" });
    assert.doesNotMatch(JSON.stringify(written), /the-code-1234567890/);
    assert.deepEqual(written[3]?.requestParameters, {
      instanceId: "mi-0123456789abcdef0",
      commandId: "c-1",
      status: "Success",
      responseCode: 0,
    });
  });
});
