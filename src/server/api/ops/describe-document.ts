import type { DescribeDocumentRequest, DescribeDocumentResult } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** DescribeDocument: one version (the default unless DocumentVersion/VersionName say otherwise). */
export const handleDescribeDocument: OperationHandler = async (ctx, raw): Promise<DescribeDocumentResult> => {
  const input = raw as unknown as DescribeDocumentRequest;
  const view = await documentServiceOf(ctx).describe(input.Name, {
    documentVersion: input.DocumentVersion,
    versionName: input.VersionName,
  });
  return { Document: documentDescription(view) };
};
