import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { compact } from "../wire.ts";
import { documentQuery } from "./document-filters.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentIdentifier } from "./document-views.ts";

/** ListDocuments: the built-ins (Owner Amazon) first, then yours, each by name, at their default version. */
export const handleListDocuments: OperationHandler<"ListDocuments"> = async (ctx, input) => {
  const query = documentQuery(input, ctx.config.accountId);
  const request = pageRequest(input, 50, 50);
  const page = await documentServiceOf(ctx).list(query, request);
  const identifiers = page.items.map(documentIdentifier);
  // Documents the caller may not list are left out (a page may then hold fewer than MaxResults).
  const visible = [];
  for (const d of identifiers)
    if (await ctx.authz.allows("ssm:ListDocuments", await ctx.authz.document(d.Name ?? ""))) visible.push(d);
  return compact({
    DocumentIdentifiers: visible,
    NextToken: nextToken(request, page),
  });
};
