import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { documentDescription } from "./document-views.ts";

/** UpdateDocument: a new latest version on top of the latest one; the default stays. */
export const handleUpdateDocument: OperationHandler<"UpdateDocument"> = async (ctx, input) => {
  await ctx.authz.require("ssm:UpdateDocument", await ctx.authz.document(input.Name));
  const view = await documentServiceOf(ctx).update(input);
  return { DocumentDescription: documentDescription(view) };
};
