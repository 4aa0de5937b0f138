import { userArn } from "../../../core/identity/iam-names.ts";
import { checkPath, checkUserName } from "../../identity/identity-input.ts";
import type { IamHandler } from "../iam-context.ts";
import { listingResource, principalResource } from "../iam-context.ts";
import { paginate } from "../iam-paging.ts";
import { userView } from "../iam-views.ts";

/** CreateUser, GetUser, ListUsers, DeleteUser. */
export const USER_OPERATIONS: Record<string, IamHandler> = {
  async CreateUser(ctx, params) {
    const userName = params.required("UserName");
    checkUserName(userName);
    const path = checkPath(params.optional("Path"));
    await ctx.authorize(userArn(ctx.identity.accountId, userName, path));
    const tags = params.tags();
    const user = await ctx.identity.createUser({ userName, path, ...(tags ? { tags } : {}) });
    return { User: userView(ctx.identity, user, true) };
  },

  async GetUser(ctx, params) {
    const userName = params.optional("UserName") ?? ctx.caller.userName;
    await ctx.authorize(await principalResource(ctx, { kind: "user", name: userName }));
    return { User: userView(ctx.identity, await ctx.identity.getUser(userName), true) };
  },

  async ListUsers(ctx, params) {
    await ctx.authorize(listingResource(ctx, "user"));
    const page = paginate(await ctx.identity.listUsers(params.optional("PathPrefix")), params);
    return {
      Users: page.items.map((u) => userView(ctx.identity, u)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },

  async DeleteUser(ctx, params) {
    const userName = params.required("UserName");
    await ctx.authorize(await principalResource(ctx, { kind: "user", name: userName }));
    await ctx.identity.deleteUser(userName);
    return undefined;
  },
};
