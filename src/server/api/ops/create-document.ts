import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** CreateDocument: version 1 of a Command document, Active at once. */
export const handleCreateDocument: OperationHandler<"CreateDocument"> = async (ctx, input) => {
  await ctx.authz.require("ssm:CreateDocument", await ctx.authz.document(input.Name));
  const view = await documentServiceOf(ctx).create(input);
  return { DocumentDescription: documentDescription(view) };
};
