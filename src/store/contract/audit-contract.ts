import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import type { AuditRecord } from "../../core/audit/audit-record.ts";
import { canonicalJson } from "../../core/audit/canonical-json.ts";
import { type AuditHasher, GENESIS_HASH } from "../../core/ports/audit-store.ts";
import { T0 } from "./fixtures.ts";
import type { StoreContext } from "./store-context.ts";

/** A complete API-call record by `user`; `n` makes its ids and time unique. */
export function anAuditRecord(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "alice",
      arn: "arn:aws:iam::123456789012:user/alice",
      accountId: "123456789012",
      accessKeyId: "AKIAALICE",
      userName: "alice",
    },
    eventTime: new Date(T0 + n * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: "ssm.amazonaws.com",
    eventName: "SendCommand",
    awsRegion: "us-east-1",
    sourceIPAddress: "127.0.0.1",
    userAgent: "aws-cli/2",
    requestParameters: { DocumentName: "AWS-RunShellScript", InstanceIds: [`mi-${String(n).padStart(17, "0")}`] },
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `event-${n}`,
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: "123456789012",
    eventCategory: "Management",
    ...overrides,
  };
}

const sha256: AuditHasher = (prev, json) => createHash("sha256").update(prev).update(json).digest("hex");

/** appendAudit / lookupAudit / readAuditChain / auditChainHead. */
export function auditContract(ctx: StoreContext): void {
  describe("audit trail", () => {
    it("starts empty, at the genesis hash", async () => {
      assert.deepEqual(await ctx.store.auditChainHead(), { seq: 0, hash: GENESIS_HASH });
      assert.deepEqual(await ctx.store.readAuditChain(0, 10), []);
      assert.deepEqual(await ctx.store.lookupAudit({ limit: 10 }), { items: [], more: false });
    });

    it("chains appended records: seq 1, 2, 3..., each hash over the previous one and the canonical JSON", async () => {
      const first = await ctx.store.appendAudit([anAuditRecord(1), anAuditRecord(2)], sha256);
      const second = await ctx.store.appendAudit([anAuditRecord(3)], sha256);
      const all = await ctx.store.readAuditChain(0, 10);
      assert.deepEqual(all, [...first, ...second]);
      assert.deepEqual(
        all.map((e) => e.seq),
        [1, 2, 3],
      );
      let prev = GENESIS_HASH;
      for (const [i, entry] of all.entries()) {
        assert.equal(entry.json, canonicalJson(anAuditRecord(i + 1)));
        assert.equal(entry.prevHash, prev);
        assert.equal(entry.hash, sha256(prev, entry.json));
        prev = entry.hash;
      }
      assert.deepEqual(await ctx.store.auditChainHead(), { seq: 3, hash: prev });
      assert.deepEqual(
        (await ctx.store.readAuditChain(1, 1)).map((e) => e.seq),
        [2],
      );
    });

    it("keeps one unbroken chain under concurrent appends", async () => {
      const batches = Array.from({ length: 12 }, (_, b) => [anAuditRecord(b * 3 + 1), anAuditRecord(b * 3 + 2)]);
      await Promise.all(batches.map((records) => ctx.store.appendAudit(records, sha256)));
      const all = await ctx.store.readAuditChain(0, 100);
      assert.equal(all.length, 24);
      let prev = GENESIS_HASH;
      for (const [i, entry] of all.entries()) {
        assert.equal(entry.seq, i + 1);
        assert.equal(entry.prevHash, prev, `record ${entry.seq} follows record ${i}`);
        assert.equal(entry.hash, sha256(prev, entry.json));
        prev = entry.hash;
      }
      assert.equal(new Set(all.map((e) => e.json)).size, 24, "every record written exactly once");
      assert.deepEqual(await ctx.store.auditChainHead(), { seq: 24, hash: prev });
    });

    it("looks records up newest first, by one attribute, time range and page", async () => {
      await ctx.store.appendAudit(
        [
          anAuditRecord(1),
          anAuditRecord(2, { eventName: "ListCommands", readOnly: true, requestParameters: {} }),
          anAuditRecord(3, {
            userIdentity: { type: "ManagedInstance", principalId: "mi-0123456789abcdef0", accountId: "123456789012" },
            eventType: "AwsServiceEvent",
            eventName: "AgentConnected",
            requestParameters: { instanceId: "mi-0123456789abcdef0" },
          }),
          anAuditRecord(4, { userIdentity: { type: "Unknown", accessKeyId: "AKIABAD" }, errorCode: "X" }),
          anAuditRecord(5, { eventSource: "cloudtrail.amazonaws.com", eventName: "LookupEvents", readOnly: true }),
        ],
        sha256,
      );
      const seqs = async (query: Parameters<typeof ctx.store.lookupAudit>[0]) =>
        (await ctx.store.lookupAudit(query)).items.map((e) => e.seq);
      const by = (key: NonNullable<Parameters<typeof ctx.store.lookupAudit>[0]["attribute"]>["key"], value: string) =>
        seqs({ limit: 50, attribute: { key, value } });
      assert.deepEqual(await seqs({ limit: 50 }), [5, 4, 3, 2, 1]);
      assert.deepEqual(await by("EventName", "SendCommand"), [4, 1]);
      assert.deepEqual(await by("EventId", "event-2"), [2]);
      assert.deepEqual(await by("ReadOnly", "true"), [5, 2]);
      assert.deepEqual(await by("ReadOnly", "false"), [4, 3, 1]);
      assert.deepEqual(await by("Username", "alice"), [5, 2, 1]);
      assert.deepEqual(await by("Username", "mi-0123456789abcdef0"), [3]);
      assert.deepEqual(await by("AccessKeyId", "AKIABAD"), [4]);
      assert.deepEqual(await by("EventSource", "cloudtrail.amazonaws.com"), [5]);
      assert.deepEqual(await by("ResourceType", "AWS::SSM::ManagedInstance"), [5, 4, 3, 1]);
      assert.deepEqual(await by("ResourceName", "mi-00000000000000004"), [4]);
      assert.deepEqual(await by("ResourceName", "AWS-RunShellScript"), [5, 4, 1]);
      assert.deepEqual(await seqs({ limit: 50, startTime: T0 + 2000, endTime: T0 + 4000 }), [4, 3, 2]);
      const page = await ctx.store.lookupAudit({ limit: 2 });
      assert.deepEqual({ seqs: page.items.map((e) => e.seq), more: page.more }, { seqs: [5, 4], more: true });
      const next = await ctx.store.lookupAudit({ limit: 2, beforeSeq: 4 });
      assert.deepEqual(
        next.items.map((e) => e.seq),
        [3, 2],
      );
      assert.equal((await ctx.store.lookupAudit({ limit: 2, beforeSeq: 2 })).more, false);
    });

    it("offers no way to change or remove a record", () => {
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(ctx.store)).filter((m) => /audit/i.test(m));
      assert.deepEqual(methods.sort(), ["appendAudit", "auditChainHead", "lookupAudit", "readAuditChain"]);
    });
  });
}
