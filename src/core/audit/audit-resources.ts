import type { AuditRecord, JsonValue } from "./audit-record.ts";
import { HIDDEN } from "./redact.ts";

/** A resource an event names, as LookupEvents reports it. */
export interface AuditResource {
  ResourceType: string;
  ResourceName: string;
}

/** Members that name a resource, by lower-cased member name (request and response alike). */
const RESOURCE_MEMBERS: Readonly<Record<string, string>> = {
  instanceid: "AWS::SSM::ManagedInstance",
  instanceids: "AWS::SSM::ManagedInstance",
  documentname: "AWS::SSM::Document",
  commandid: "AWS::SSM::Command",
  activationid: "AWS::SSM::Activation",
  username: "AWS::IAM::User",
  groupname: "AWS::IAM::Group",
  policyarn: "AWS::IAM::Policy",
  accesskeyid: "AWS::IAM::AccessKey",
};

/** In SSM events, a bare `Name` is a document's (CreateDocument, GetDocument, DeleteDocument, ...). */
const SSM_NAME = "AWS::SSM::Document";

const MAX_RESOURCES = 100;

/**
 * The resources an event names, found in the top level of its request parameters and in the top
 * two levels of its response elements (e.g. SendCommand's `Command.CommandId`), without repeats.
 * Used both to answer LookupEvents and to index the trail, so both always agree.
 */
export function resourcesOf(record: AuditRecord): AuditResource[] {
  const found = new Map<string, AuditResource>();
  const add = (type: string, value: JsonValue | undefined) => {
    for (const name of Array.isArray(value) ? value : [value]) {
      if (typeof name !== "string" || name === "" || name === HIDDEN) continue;
      if (found.size < MAX_RESOURCES) found.set(`${type}\u0000${name}`, { ResourceType: type, ResourceName: name });
    }
  };
  const scan = (value: JsonValue, depth: number) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, member] of Object.entries(value)) {
      const type = RESOURCE_MEMBERS[key.toLowerCase()] ?? (key === "Name" && isSsm(record) ? SSM_NAME : undefined);
      if (type !== undefined) add(type, member);
      else if (depth > 1) scan(member, depth - 1);
    }
  };
  scan(record.requestParameters, 1);
  scan(record.responseElements, 2);
  return [...found.values()];
}

function isSsm(record: AuditRecord): boolean {
  return record.eventSource === "ssm.amazonaws.com";
}
