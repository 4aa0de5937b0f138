import { cancelCommand } from "../../../core/commands/cancel-command.ts";
import type { OperationHandler } from "../context.ts";

/** CancelCommand: best-effort cancel of a whole command or some of its nodes. */
export const handleCancelCommand: OperationHandler = async (ctx, input) => {
  await cancelCommand(ctx, input.CommandId as string, input.InstanceIds as string[] | undefined);
  return {};
};
