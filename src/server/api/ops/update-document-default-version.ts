import type { DocumentDefaultVersionDescription } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { compact } from "../wire.ts";
import { documentServiceOf } from "./document-service-of.ts";

/** UpdateDocumentDefaultVersion: which version `$DEFAULT` (and an absent version) selects. */
export const handleUpdateDocumentDefaultVersion: OperationHandler<"UpdateDocumentDefaultVersion"> = async (
  ctx,
  input,
) => {
  await ctx.authz.require("ssm:UpdateDocumentDefaultVersion", await ctx.authz.document(input.Name));
  const version = await documentServiceOf(ctx).setDefaultVersion(input.Name, input.DocumentVersion);
  return {
    Description: compact<DocumentDefaultVersionDescription>({
      Name: version.name,
      DefaultVersion: String(version.version),
      DefaultVersionName: version.versionName,
    }),
  };
};
