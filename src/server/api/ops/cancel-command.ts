import { cancelCommand } from "../../../core/commands/cancel-command.ts";
import type { OperationHandler } from "../context.ts";

/**
 * CancelCommand: best-effort cancel of a whole command or some of its nodes. It runs on the
 * command's scheduler chain so a concurrent scheduler pass cannot overwrite `Cancelling`.
 */
export const handleCancelCommand: OperationHandler<"CancelCommand"> = async (ctx, input) => {
  await ctx.scheduler.exclusive(input.CommandId, () => cancelCommand(ctx, input.CommandId, input.InstanceIds));
  return {};
};
