import { documentNameOf } from "../../../core/documents/document-catalog.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { compact } from "../wire.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentVersionInfo } from "./document-views.ts";

/** ListDocumentVersions: oldest (1) first, so paging is not disturbed by new versions. */
export const handleListDocumentVersions: OperationHandler<"ListDocumentVersions"> = async (ctx, input) => {
  await ctx.authz.require("ssm:ListDocumentVersions", await ctx.authz.document(documentNameOf(input.Name)));
  const request = pageRequest(input, 50, 50);
  const { document, versions } = await documentServiceOf(ctx).listVersions(input.Name, request);
  return compact({
    DocumentVersions: versions.items.map((v) => documentVersionInfo(document, v)),
    NextToken: nextToken(request, versions),
  });
};
