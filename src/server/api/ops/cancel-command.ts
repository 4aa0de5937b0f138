import { cancelCommand } from "../../../core/commands/cancel-command.ts";
import type { OperationHandler } from "../context.ts";

/**
 * CancelCommand: best-effort cancel of a whole command or some of its nodes. It runs on the
 * command's scheduler chain so a concurrent scheduler pass cannot overwrite `Cancelling`.
 */
export const handleCancelCommand: OperationHandler = async (ctx, input) => {
  const commandId = input.CommandId as string;
  await ctx.scheduler.exclusive(commandId, () =>
    cancelCommand(ctx, commandId, input.InstanceIds as string[] | undefined),
  );
  return {};
};
