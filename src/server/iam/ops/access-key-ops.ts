import type { IamContext, IamHandler } from "../iam-context.ts";
import { principalResource } from "../iam-context.ts";
import { paginate } from "../iam-paging.ts";
import type { IamParams } from "../iam-params.ts";
import { accessKeyMetadataView } from "../iam-views.ts";
import { isoTime } from "../xml-response.ts";

/** The key's user: `UserName`, else the caller (as IAM does), after authorizing on that user. */
async function authorizedUser(ctx: IamContext, params: IamParams): Promise<string> {
  const userName = params.optional("UserName") ?? ctx.caller.userName;
  await ctx.authorize(await principalResource(ctx, { kind: "user", name: userName }));
  return userName;
}

/** CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey. */
export const ACCESS_KEY_OPERATIONS: Record<string, IamHandler> = {
  async CreateAccessKey(ctx, params) {
    const userName = await authorizedUser(ctx, params);
    const { record, secretAccessKey } = await ctx.identity.createAccessKey(userName);
    return {
      AccessKey: {
        UserName: record.userName,
        AccessKeyId: record.accessKeyId,
        Status: record.status,
        SecretAccessKey: secretAccessKey,
        CreateDate: isoTime(record.createdAt),
      },
    };
  },

  async ListAccessKeys(ctx, params) {
    const userName = await authorizedUser(ctx, params);
    const page = paginate(await ctx.identity.listAccessKeys(userName), params);
    return {
      AccessKeyMetadata: page.items.map(accessKeyMetadataView),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },

  async UpdateAccessKey(ctx, params) {
    const accessKeyId = params.required("AccessKeyId");
    const status = params.requiredOneOf("Status", ["Active", "Inactive"] as const);
    const userName = await authorizedUser(ctx, params);
    await ctx.identity.updateAccessKey(userName, accessKeyId, status);
    return undefined;
  },

  async DeleteAccessKey(ctx, params) {
    const accessKeyId = params.required("AccessKeyId");
    const userName = await authorizedUser(ctx, params);
    await ctx.identity.deleteAccessKey(userName, accessKeyId);
    return undefined;
  },
};
