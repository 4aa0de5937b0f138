import { documentNameOf } from "../../../core/documents/document-catalog.ts";
import { convertContent } from "../../../core/documents/document-content.ts";
import type { OperationHandler } from "../context.ts";
import { compact, epochSeconds } from "../wire.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentTypeOf } from "./document-views.ts";

/** GetDocument: a version's content, converted to the requested DocumentFormat (JSON by default). */
export const handleGetDocument: OperationHandler<"GetDocument"> = async (ctx, input) => {
  await ctx.authz.require("ssm:GetDocument", await ctx.authz.document(documentNameOf(input.Name)));
  const { document: d, version: v } = await documentServiceOf(ctx).describe(input.Name, {
    documentVersion: input.DocumentVersion,
    versionName: input.VersionName,
  });
  const format = input.DocumentFormat ?? "JSON";
  return compact({
    Name: d.name,
    CreatedDate: epochSeconds(v.createdAt),
    DisplayName: v.displayName || undefined,
    VersionName: v.versionName,
    DocumentVersion: String(v.version),
    Status: v.status,
    StatusInformation: v.statusInformation || undefined,
    Content: convertContent(v.content, v.format, format),
    DocumentType: documentTypeOf(d),
    DocumentFormat: format,
  });
};
