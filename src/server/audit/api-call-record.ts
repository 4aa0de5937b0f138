import {
  type AuditRecord,
  EVENT_VERSION,
  eventTimeOf,
  isReadOnlyEvent,
  type JsonValue,
  type UserIdentity,
} from "../../core/audit/audit-record.ts";
import { boundedValue } from "../../core/audit/bounded-value.ts";
import { redactParameters, redactSecrets } from "../../core/audit/redact.ts";
import type { ApiCallRecord } from "../http/aws-edge.ts";
import { errorFields } from "./error-fields.ts";

/** What a record adds to the call: when, its id, and where fleetrun runs. */
export interface RecordMeta {
  /** Epoch milliseconds. */
  eventTime: number;
  eventId: string;
  region: string;
  accountId: string;
}

const MAX_HEADER_CHARS = 1024;

/**
 * The CloudTrail record of one API call, allowed or denied. Secrets are hidden (member names,
 * and document parameters `isSecretParameter` names); read-only and failed calls record no
 * response elements (CloudTrail does the same, and it keeps command output out of the trail).
 */
export function apiCallRecord(
  call: ApiCallRecord,
  meta: RecordMeta,
  isSecretParameter: (name: string) => boolean,
): AuditRecord {
  const { request } = call;
  const eventName = call.operation || targetOperation(request.headers["x-amz-target"]) || "Unknown";
  const readOnly = isReadOnlyEvent(eventName);
  const failed = call.error !== undefined;
  const request_ = redactSecrets(call.input !== undefined ? call.input : decodeBody(request.body, request.headers));
  const response = failed || readOnly ? null : redactSecrets(call.output);
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: identityOf(call, meta.accountId),
    eventTime: eventTimeOf(meta.eventTime),
    eventSource: call.protocol?.eventSource ?? "unknown",
    eventName,
    awsRegion: meta.region,
    sourceIPAddress: request.sourceIp,
    userAgent: header(request.headers["user-agent"]),
    ...(failed ? errorFields(call.error) : {}),
    requestParameters: boundedValue(withParameters(request_, isSecretParameter)),
    responseElements: boundedValue(withCommandParameters(response, isSecretParameter)),
    requestID: request.requestId,
    eventID: meta.eventId,
    readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: meta.accountId,
    eventCategory: "Management",
  };
}

function identityOf(call: ApiCallRecord, accountId: string): UserIdentity {
  const caller = call.caller;
  if (caller) {
    return {
      type: "IAMUser",
      principalId: caller.userName,
      arn: `arn:aws:iam::${accountId}:user/${caller.userName}`,
      accountId,
      accessKeyId: caller.accessKeyId,
      userName: caller.userName,
    };
  }
  const claimed = claimedAccessKeyId(call.request.headers.authorization, call.request.url);
  return claimed === undefined ? { type: "Unknown" } : { type: "Unknown", accessKeyId: claimed };
}

/** The access key id an unauthenticated request named (Authorization header or presigned URL). */
function claimedAccessKeyId(authorization: string | undefined, url: string): string | undefined {
  const match =
    /Credential=([A-Za-z0-9]{1,128})\//.exec(authorization ?? "") ??
    /[?&]X-Amz-Credential=([A-Za-z0-9]{1,128})(?:\/|%2F)/i.exec(url);
  return match?.[1];
}

function targetOperation(target: string | string[] | undefined): string {
  return typeof target === "string" ? (target.split(".").at(-1) ?? "").slice(0, 128) : "";
}

function header(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(", ") : (value ?? "")).slice(0, MAX_HEADER_CHARS);
}

/** A body the protocol did not decode (the call failed first): JSON, or a Query form without Action/Version. */
function decodeBody(body: Buffer, headers: ApiCallRecord["request"]["headers"]): unknown {
  if (body.length === 0) return null;
  const type = headers["content-type"] ?? "";
  if (type.includes("x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    delete form.Action;
    delete form.Version;
    return form;
  }
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    // Not JSON: nothing readable to record.
    return null;
  }
}

function withParameters(value: JsonValue, isSecret: (name: string) => boolean): JsonValue {
  if (value === null || typeof value !== "object" || Array.isArray(value) || !("Parameters" in value)) return value;
  return { ...value, Parameters: redactParameters(value.Parameters ?? null, isSecret) };
}

function withCommandParameters(value: JsonValue, isSecret: (name: string) => boolean): JsonValue {
  if (value === null || typeof value !== "object" || Array.isArray(value) || !("Command" in value)) return value;
  return { ...value, Command: withParameters(value.Command ?? null, isSecret) };
}
