import { type AuditRecord, accessKeyIdOf, usernameOf } from "../../core/audit/audit-record.ts";
import { resourcesOf } from "../../core/audit/audit-resources.ts";
import { parseJsonObject } from "../../core/audit/canonical-json.ts";
import type { AuditAttributeKey, AuditEntry, AuditQuery, AuditStore } from "../../core/ports/audit-store.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";
import { decodeLookupToken, encodeLookupToken } from "./lookup-token.ts";

/** One event as LookupEvents returns it (the model's `Event`; EventTime in epoch seconds). */
export interface LookupEvent {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime?: number;
  EventSource?: string;
  Username?: string;
  Resources?: Array<{ ResourceType: string; ResourceName: string }>;
  CloudTrailEvent: string;
}

/** The model's `LookupEventsResponse`. */
export interface LookupEventsOutput {
  Events: LookupEvent[];
  NextToken?: string;
}

const ATTRIBUTE_KEYS: ReadonlySet<string> = new Set<AuditAttributeKey>([
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
]);

/**
 * CloudTrail's LookupEvents over the trail: at most one lookup attribute, an inclusive time
 * range, 1-50 results (default 50), newest first, with an opaque NextToken bound to the query.
 */
export async function lookupEvents(store: AuditStore, input: unknown): Promise<LookupEventsOutput> {
  const body = objectOf(input, "the request");
  const attribute = lookupAttribute(body.LookupAttributes);
  const startTime = timeOf(body.StartTime, "StartTime");
  const endTime = timeOf(body.EndTime, "EndTime");
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw new CloudTrailError("InvalidTimeRangeException", "StartTime must not be after EndTime.");
  }
  const limit = maxResults(body.MaxResults);
  const category = body.EventCategory;
  if (category !== undefined && category !== null && category !== "insight") {
    throw new CloudTrailError("InvalidEventCategoryException", "EventCategory must be insight.");
  }
  // Bound to what selects events (not MaxResults), as AWS requires the same parameters.
  const fingerprint = { attribute, startTime, endTime, category };
  const token = body.NextToken;
  if (token !== undefined && token !== null && typeof token !== "string") throw serialization("NextToken");
  const beforeSeq = token ? decodeLookupToken(token, fingerprint) : undefined;
  // fleetrun records management events only: there are no Insights events to return.
  if (category === "insight") return { Events: [] };
  const query: AuditQuery = { limit };
  if (attribute !== undefined) query.attribute = attribute;
  if (startTime !== undefined) query.startTime = startTime;
  if (endTime !== undefined) query.endTime = endTime;
  if (beforeSeq !== undefined) query.beforeSeq = beforeSeq;
  const page = await store.lookupAudit(query);
  const last = page.items.at(-1);
  return {
    Events: page.items.map(toEvent),
    ...(page.more && last ? { NextToken: encodeLookupToken(last.seq, fingerprint) } : {}),
  };
}

function toEvent(entry: AuditEntry): LookupEvent {
  const parsed = parseJsonObject(entry.json);
  // A row edited into something else is still shown as it is; `fleetrun audit verify` names it.
  if (parsed === undefined || typeof parsed.eventName !== "string") return { CloudTrailEvent: entry.json };
  const record = parsed as unknown as AuditRecord;
  const accessKeyId = accessKeyIdOf(record);
  const username = usernameOf(record);
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly),
    ...(accessKeyId !== undefined ? { AccessKeyId: accessKeyId } : {}),
    EventTime: Date.parse(record.eventTime) / 1000,
    EventSource: record.eventSource,
    ...(username !== undefined ? { Username: username } : {}),
    Resources: resourcesOf(record),
    CloudTrailEvent: entry.json,
  };
}

function lookupAttribute(raw: unknown): AuditQuery["attribute"] {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw serialization("LookupAttributes");
  if (raw.length === 0) return undefined;
  if (raw.length > 1) {
    throw new CloudTrailError("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
  }
  const item = objectOf(raw[0], "LookupAttributes.1");
  const key = item.AttributeKey;
  const value = item.AttributeValue;
  if (typeof key !== "string" || !ATTRIBUTE_KEYS.has(key)) {
    throw new CloudTrailError(
      "InvalidLookupAttributesException",
      `AttributeKey must be one of ${[...ATTRIBUTE_KEYS].join(", ")}.`,
    );
  }
  if (typeof value !== "string" || value.length < 1 || value.length > 2000) {
    throw new CloudTrailError("InvalidLookupAttributesException", "AttributeValue must be 1 to 2000 characters.");
  }
  return { key: key as AuditAttributeKey, value };
}

/** An epoch-seconds timestamp (the JSON protocol's form; an ISO string is accepted too) in milliseconds. */
function timeOf(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ms = typeof raw === "number" ? raw * 1000 : typeof raw === "string" ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw serialization(name);
  return ms;
}

function maxResults(raw: unknown): number {
  if (raw === undefined || raw === null) return 50;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > 50) {
    throw new CloudTrailError("InvalidMaxResultsException", "MaxResults must be an integer from 1 to 50.");
  }
  return raw;
}

function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CloudTrailError("SerializationException", `${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function serialization(member: string): CloudTrailError {
  return new CloudTrailError("SerializationException", `${member} has the wrong type.`);
}
