import type { GroupRecord, IamTag, UserRecord } from "../../core/identity/identity-records.ts";
import type { AccessKeyRecord } from "../../core/model.ts";
import type { IdentityService } from "../identity/identity-service.ts";
import type { ManagedPolicyView } from "../identity/policy-directory.ts";
import { isoTime, type XmlValue } from "./xml-response.ts";

/** IAM's `User` shape; tags only where the operation returns them (GetUser, CreateUser). */
export function userView(identity: IdentityService, user: UserRecord, withTags = false): Record<string, XmlValue> {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: identity.userArn(user),
    CreateDate: isoTime(user.createdAt),
    Tags: withTags && user.tags.length > 0 ? tagsView(user.tags) : undefined,
  };
}

/** IAM's `Group` shape. */
export function groupView(identity: IdentityService, group: GroupRecord): Record<string, XmlValue> {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: identity.groupArn(group),
    CreateDate: isoTime(group.createdAt),
  };
}

/** IAM's `AccessKeyMetadata` shape (never the secret). */
export function accessKeyMetadataView(key: AccessKeyRecord): Record<string, XmlValue> {
  return {
    UserName: key.userName,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: isoTime(key.createdAt),
  };
}

/** IAM's `Policy` shape; tags only where the operation returns them. */
export function policyView(view: ManagedPolicyView, withTags = false): Record<string, XmlValue> {
  const p = view.policy;
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: "v1",
    AttachmentCount: view.attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.description === "" ? undefined : p.description,
    CreateDate: isoTime(p.createdAt),
    UpdateDate: isoTime(p.updatedAt),
    Tags: withTags && p.tags.length > 0 ? tagsView(p.tags) : undefined,
  };
}

/** A policy document as IAM returns it: URL-encoded (RFC 3986). */
export function policyDocumentView(document: string): string {
  return encodeURIComponent(document);
}

function tagsView(tags: readonly IamTag[]): XmlValue[] {
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}
