import { policyArn } from "../../../core/identity/iam-names.ts";
import type { PrincipalRef } from "../../../core/identity/identity-records.ts";
import { checkName } from "../../identity/identity-input.ts";
import type { IamHandler } from "../iam-context.ts";
import { listingResource, principalResource } from "../iam-context.ts";
import { paginate } from "../iam-paging.ts";
import { policyDocumentView, policyView } from "../iam-views.ts";
import { isoTime } from "../xml-response.ts";

/** Attach/Detach/ListAttached{User,Group}Policies, authorized on the user or group. */
function attachmentOperations(kind: PrincipalRef["kind"]): Record<string, IamHandler> {
  const Kind = kind === "user" ? "User" : "Group";
  const principalOf = (name: string): PrincipalRef => ({ kind, name });
  return {
    async [`Attach${Kind}Policy`](ctx, params) {
      const principal = principalOf(params.required(`${Kind}Name`));
      const arn = params.required("PolicyArn");
      await ctx.authorize(await principalResource(ctx, principal));
      await ctx.identity.policies.attachPolicy(principal, arn);
      return undefined;
    },
    async [`Detach${Kind}Policy`](ctx, params) {
      const principal = principalOf(params.required(`${Kind}Name`));
      const arn = params.required("PolicyArn");
      await ctx.authorize(await principalResource(ctx, principal));
      await ctx.identity.policies.detachPolicy(principal, arn);
      return undefined;
    },
    async [`ListAttached${Kind}Policies`](ctx, params) {
      const principal = principalOf(params.required(`${Kind}Name`));
      await ctx.authorize(await principalResource(ctx, principal));
      const all = await ctx.identity.policies.listAttachedPolicies(principal, params.optional("PathPrefix"));
      const page = paginate(all, params);
      return {
        AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  };
}

/** CreatePolicy, GetPolicy, GetPolicyVersion, ListPolicies, DeletePolicy and the attachment operations. */
export const MANAGED_POLICY_OPERATIONS: Record<string, IamHandler> = {
  async CreatePolicy(ctx, params) {
    const policyName = params.required("PolicyName");
    checkName("policyName", policyName);
    const document = params.required("PolicyDocument");
    const path = params.optional("Path");
    await ctx.authorize(policyArn(ctx.identity.accountId, policyName, path ?? "/"));
    const description = params.optional("Description");
    const tags = params.tags();
    const view = await ctx.identity.policies.createPolicy({
      policyName,
      document,
      ...(path !== undefined ? { path } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(tags ? { tags } : {}),
    });
    return { Policy: policyView(view, true) };
  },

  async GetPolicy(ctx, params) {
    const arn = params.required("PolicyArn");
    await ctx.authorize(arn);
    return { Policy: policyView(await ctx.identity.policies.getPolicy(arn), true) };
  },

  async GetPolicyVersion(ctx, params) {
    const arn = params.required("PolicyArn");
    const versionId = params.required("VersionId");
    await ctx.authorize(arn);
    const version = await ctx.identity.policies.getPolicyVersion(arn, versionId);
    return {
      PolicyVersion: {
        Document: policyDocumentView(version.document),
        VersionId: version.versionId,
        IsDefaultVersion: version.isDefaultVersion,
        CreateDate: isoTime(version.createdAt),
      },
    };
  },

  async ListPolicies(ctx, params) {
    await ctx.authorize(listingResource(ctx, "policy"));
    const scope = params.oneOf("Scope", ["All", "AWS", "Local"] as const);
    const onlyAttached = params.boolean("OnlyAttached");
    const pathPrefix = params.optional("PathPrefix");
    // fleetrun has no permissions boundaries, so no policy is used as one.
    const boundaries = params.oneOf("PolicyUsageFilter", ["PermissionsPolicy", "PermissionsBoundary"] as const);
    const listed = await ctx.identity.policies.listPolicies({
      ...(scope !== undefined ? { scope } : {}),
      ...(onlyAttached !== undefined ? { onlyAttached } : {}),
      ...(pathPrefix !== undefined ? { pathPrefix } : {}),
    });
    const page = paginate(boundaries === "PermissionsBoundary" ? [] : listed, params);
    return { Policies: page.items.map((v) => policyView(v)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },

  async DeletePolicy(ctx, params) {
    const arn = params.required("PolicyArn");
    await ctx.authorize(arn);
    await ctx.identity.policies.deletePolicy(arn);
    return undefined;
  },

  ...attachmentOperations("user"),
  ...attachmentOperations("group"),
};
