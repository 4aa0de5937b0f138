import type { UpdateDocumentRequest, UpdateDocumentResult } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** UpdateDocument: a new latest version on top of the latest one; the default stays. */
export const handleUpdateDocument: OperationHandler = async (ctx, raw): Promise<UpdateDocumentResult> => {
  const view = await documentServiceOf(ctx).update(raw as unknown as UpdateDocumentRequest);
  return { DocumentDescription: documentDescription(view) };
};
