import type { ListDocumentVersionsRequest, ListDocumentVersionsResult } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentVersionInfo, wireShape } from "./document-views.ts";

/** ListDocumentVersions: oldest (1) first, so paging is not disturbed by new versions. */
export const handleListDocumentVersions: OperationHandler = async (ctx, raw): Promise<ListDocumentVersionsResult> => {
  const input = raw as unknown as ListDocumentVersionsRequest;
  const request = pageRequest(input, 50, 50);
  const { document, versions } = await documentServiceOf(ctx).listVersions(input.Name, request);
  return wireShape<ListDocumentVersionsResult>({
    DocumentVersions: versions.items.map((v) => documentVersionInfo(document, v)),
    NextToken: nextToken(request, versions),
  });
};
