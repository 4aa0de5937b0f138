import type { CreateDocumentRequest, CreateDocumentResult } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** CreateDocument: version 1 of a Command document, Active at once. */
export const handleCreateDocument: OperationHandler = async (ctx, raw): Promise<CreateDocumentResult> => {
  const view = await documentServiceOf(ctx).create(raw as unknown as CreateDocumentRequest);
  return { DocumentDescription: documentDescription(view) };
};
