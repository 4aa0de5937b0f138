import type { ListDocumentsRequest, ListDocumentsResult } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { documentQuery } from "./document-filters.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentIdentifier, wireShape } from "./document-views.ts";

/** ListDocuments: the built-ins (Owner Amazon) first, then yours, each by name, at their default version. */
export const handleListDocuments: OperationHandler = async (ctx, raw): Promise<ListDocumentsResult> => {
  const input = raw as unknown as ListDocumentsRequest;
  const query = documentQuery(input, ctx.config.accountId);
  const request = pageRequest(input, 50, 50);
  const page = await documentServiceOf(ctx).list(query, request);
  return wireShape<ListDocumentsResult>({
    DocumentIdentifiers: page.items.map(documentIdentifier),
    NextToken: nextToken(request, page),
  });
};
