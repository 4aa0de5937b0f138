import { DocumentService } from "../../../core/documents/document-service.ts";
import type { ApiContext } from "../context.ts";

/** The document service behind the context's catalog (one over the same store when it is another catalog). */
export function documentServiceOf(ctx: ApiContext): DocumentService {
  if (ctx.documents instanceof DocumentService) return ctx.documents;
  return new DocumentService({ store: ctx.store, clock: ctx.clock, accountId: ctx.config.accountId });
}
