import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../../core/ports/store.ts";
import { anAuditRecord } from "../../store/contract/audit-contract.ts";
import { T0 } from "../../store/contract/fixtures.ts";
import { openSqliteStore } from "../../store/sqlite/open-sqlite-store.ts";
import { auditHash } from "../audit/audit-hash.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";
import { lookupEvents } from "./lookup-events.ts";

describe("LookupEvents", () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore(":memory:");
    await store.migrate();
    const records = Array.from({ length: 60 }, (_, i) =>
      anAuditRecord(i + 1, i % 2 === 0 ? {} : { eventName: "ListCommands", readOnly: true, requestParameters: {} }),
    );
    await store.appendAudit(records, auditHash);
  });
  after(async () => store.close());

  const rejects = (input: unknown, code: string) =>
    assert.rejects(
      lookupEvents(store, input),
      (error: unknown) => error instanceof CloudTrailError && error.code === code,
    );

  it("returns the newest 50 events by default, with the model's fields, and a NextToken", async () => {
    const out = await lookupEvents(store, {});
    assert.equal(out.Events.length, 50);
    assert.ok(out.NextToken);
    const newest = out.Events[0]!;
    assert.deepEqual(
      { ...newest, CloudTrailEvent: JSON.parse(newest.CloudTrailEvent).eventID },
      {
        EventId: "event-60",
        EventName: "ListCommands",
        ReadOnly: "true",
        AccessKeyId: "AKIAALICE",
        EventTime: (T0 + 60_000) / 1000,
        EventSource: "ssm.amazonaws.com",
        Username: "alice",
        Resources: [],
        CloudTrailEvent: "event-60",
      },
    );
    assert.deepEqual(out.Events[1]?.Resources, [
      { ResourceType: "AWS::SSM::Document", ResourceName: "AWS-RunShellScript" },
      { ResourceType: "AWS::SSM::ManagedInstance", ResourceName: "mi-00000000000000059" },
    ]);
  });

  it("pages through everything exactly once with NextToken", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await lookupEvents(store, { MaxResults: 7, ...(token ? { NextToken: token } : {}) });
      seen.push(...out.Events.map((e) => e.EventId ?? ""));
      token = out.NextToken;
    } while (token);
    assert.equal(seen.length, 60);
    assert.equal(new Set(seen).size, 60);
    assert.equal(seen[0], "event-60");
    assert.equal(seen.at(-1), "event-1");
  });

  it("filters by one lookup attribute and an inclusive time range (epoch seconds)", async () => {
    const out = await lookupEvents(store, {
      LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "SendCommand" }],
      StartTime: (T0 + 10_000) / 1000,
      EndTime: (T0 + 15_000) / 1000,
    });
    assert.deepEqual(
      out.Events.map((e) => e.EventId),
      ["event-15", "event-13", "event-11"],
    );
    assert.equal(out.NextToken, undefined);
  });

  it("refuses more than one attribute, unknown keys, bad ranges, sizes and tokens with CloudTrail's errors", async () => {
    const attr = { AttributeKey: "EventName", AttributeValue: "SendCommand" };
    await rejects({ LookupAttributes: [attr, attr] }, "InvalidLookupAttributesException");
    await rejects(
      { LookupAttributes: [{ AttributeKey: "Color", AttributeValue: "x" }] },
      "InvalidLookupAttributesException",
    );
    await rejects(
      { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "" }] },
      "InvalidLookupAttributesException",
    );
    await rejects({ StartTime: 200, EndTime: 100 }, "InvalidTimeRangeException");
    await rejects({ MaxResults: 51 }, "InvalidMaxResultsException");
    await rejects({ MaxResults: 0 }, "InvalidMaxResultsException");
    await rejects({ NextToken: "garbage" }, "InvalidNextTokenException");
    await rejects({ EventCategory: "data" }, "InvalidEventCategoryException");
    await rejects({ StartTime: "yesterday" }, "SerializationException");
    await rejects([], "SerializationException");
  });

  it("refuses a NextToken from a lookup with other parameters", async () => {
    const first = await lookupEvents(store, { MaxResults: 5 });
    assert.ok(first.NextToken);
    await rejects(
      { NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "true" }] },
      "InvalidNextTokenException",
    );
  });

  it("has no Insights events", async () => {
    assert.deepEqual(await lookupEvents(store, { EventCategory: "insight" }), { Events: [] });
  });
});
