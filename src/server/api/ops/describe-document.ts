import { documentNameOf } from "../../../core/documents/document-catalog.ts";
import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** DescribeDocument: one version (the default unless DocumentVersion/VersionName say otherwise). */
export const handleDescribeDocument: OperationHandler<"DescribeDocument"> = async (ctx, input) => {
  await ctx.authz.require("ssm:DescribeDocument", await ctx.authz.document(documentNameOf(input.Name)));
  const view = await documentServiceOf(ctx).describe(input.Name, {
    documentVersion: input.DocumentVersion,
    versionName: input.VersionName,
  });
  return { Document: documentDescription(view) };
};
