import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";

/** DeleteDocument: every version, or the one DocumentVersion/VersionName names (never the default alone). */
export const handleDeleteDocument: OperationHandler<"DeleteDocument"> = async (ctx, input) => {
  await ctx.authz.require("ssm:DeleteDocument", await ctx.authz.document(input.Name));
  await documentServiceOf(ctx).delete(input.Name, {
    documentVersion: input.DocumentVersion,
    versionName: input.VersionName,
  });
  return {};
};
