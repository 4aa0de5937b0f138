import { SsmError } from "../../../protocol/errors.ts";
import type { OperationHandler } from "../context.ts";

/** DeleteActivation: no more registrations with it; nodes already registered stay. */
export const handleDeleteActivation: OperationHandler<"DeleteActivation"> = async (ctx, input) => {
  await ctx.authz.require("ssm:DeleteActivation", "*");
  const id = input.ActivationId;
  if (!(await ctx.store.deleteActivation(id)))
    throw new SsmError("InvalidActivationId", `Activation ID ${id} does not exist.`);
  return {};
};
