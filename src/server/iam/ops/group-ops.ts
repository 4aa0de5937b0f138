import { groupArn } from "../../../core/identity/iam-names.ts";
import { checkName, checkPath } from "../../identity/identity-input.ts";
import type { IamHandler } from "../iam-context.ts";
import { listingResource, principalResource } from "../iam-context.ts";
import { paginate } from "../iam-paging.ts";
import { groupView, userView } from "../iam-views.ts";

/** CreateGroup, GetGroup, ListGroups, DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. */
export const GROUP_OPERATIONS: Record<string, IamHandler> = {
  async CreateGroup(ctx, params) {
    const groupName = params.required("GroupName");
    checkName("groupName", groupName);
    const path = checkPath(params.optional("Path"));
    await ctx.authorize(groupArn(ctx.identity.accountId, groupName, path));
    return { Group: groupView(ctx.identity, await ctx.identity.createGroup({ groupName, path })) };
  },

  async GetGroup(ctx, params) {
    const groupName = params.required("GroupName");
    await ctx.authorize(await principalResource(ctx, { kind: "group", name: groupName }));
    const { group, users } = await ctx.identity.getGroup(groupName);
    const page = paginate(users, params);
    return {
      Group: groupView(ctx.identity, group),
      Users: page.items.map((u) => userView(ctx.identity, u)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },

  async ListGroups(ctx, params) {
    await ctx.authorize(listingResource(ctx, "group"));
    const page = paginate(await ctx.identity.listGroups(params.optional("PathPrefix")), params);
    return {
      Groups: page.items.map((g) => groupView(ctx.identity, g)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },

  async DeleteGroup(ctx, params) {
    const groupName = params.required("GroupName");
    await ctx.authorize(await principalResource(ctx, { kind: "group", name: groupName }));
    await ctx.identity.deleteGroup(groupName);
    return undefined;
  },

  async AddUserToGroup(ctx, params) {
    const groupName = params.required("GroupName");
    const userName = params.required("UserName");
    await ctx.authorize(await principalResource(ctx, { kind: "group", name: groupName }));
    await ctx.identity.addUserToGroup(groupName, userName);
    return undefined;
  },

  async RemoveUserFromGroup(ctx, params) {
    const groupName = params.required("GroupName");
    const userName = params.required("UserName");
    await ctx.authorize(await principalResource(ctx, { kind: "group", name: groupName }));
    await ctx.identity.removeUserFromGroup(groupName, userName);
    return undefined;
  },

  async ListGroupsForUser(ctx, params) {
    const userName = params.required("UserName");
    await ctx.authorize(await principalResource(ctx, { kind: "user", name: userName }));
    const page = paginate(await ctx.identity.listGroupsForUser(userName), params);
    return {
      Groups: page.items.map((g) => groupView(ctx.identity, g)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};
