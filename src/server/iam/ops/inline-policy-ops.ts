import type { PrincipalRef } from "../../../core/identity/identity-records.ts";
import type { IamContext, IamHandler } from "../iam-context.ts";
import { principalResource } from "../iam-context.ts";
import { paginate } from "../iam-paging.ts";
import type { IamParams } from "../iam-params.ts";
import { policyDocumentView } from "../iam-views.ts";

/** Put/Get/List/Delete{User,Group}Policy: the same four operations for users and groups. */
function inlinePolicyOperations(kind: PrincipalRef["kind"]): Record<string, IamHandler> {
  const Kind = kind === "user" ? "User" : "Group";
  const nameMember = `${Kind}Name`;
  const principalOf = async (ctx: IamContext, params: IamParams): Promise<PrincipalRef> => {
    const principal: PrincipalRef = { kind, name: params.required(nameMember) };
    await ctx.authorize(await principalResource(ctx, principal));
    return principal;
  };
  return {
    async [`Put${Kind}Policy`](ctx, params) {
      const policyName = params.required("PolicyName");
      const document = params.required("PolicyDocument");
      const principal = await principalOf(ctx, params);
      await ctx.identity.policies.putInlinePolicy(principal, policyName, document);
      return undefined;
    },
    async [`Get${Kind}Policy`](ctx, params) {
      const policyName = params.required("PolicyName");
      const principal = await principalOf(ctx, params);
      const policy = await ctx.identity.policies.getInlinePolicy(principal, policyName);
      return {
        [nameMember]: principal.name,
        PolicyName: policy.policyName,
        PolicyDocument: policyDocumentView(policy.document),
      };
    },
    async [`List${Kind}Policies`](ctx, params) {
      const principal = await principalOf(ctx, params);
      const page = paginate(await ctx.identity.policies.listInlinePolicyNames(principal), params);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
    async [`Delete${Kind}Policy`](ctx, params) {
      const policyName = params.required("PolicyName");
      const principal = await principalOf(ctx, params);
      await ctx.identity.policies.deleteInlinePolicy(principal, policyName);
      return undefined;
    },
  };
}

/** The inline-policy operations of users and groups. */
export const INLINE_POLICY_OPERATIONS: Record<string, IamHandler> = {
  ...inlinePolicyOperations("user"),
  ...inlinePolicyOperations("group"),
};
