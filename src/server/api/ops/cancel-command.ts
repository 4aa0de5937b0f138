import { cancelCommand } from "../../../core/commands/cancel-command.ts";
import type { OperationHandler } from "../context.ts";

/**
 * CancelCommand: best-effort cancel of a whole command or some of its nodes; the caller needs
 * ssm:CancelCommand on every node it cancels. It runs on the
 * command's scheduler chain so a concurrent scheduler pass cannot overwrite `Cancelling`.
 */
export const handleCancelCommand: OperationHandler<"CancelCommand"> = async (ctx, input) => {
  const nodes =
    input.InstanceIds && input.InstanceIds.length > 0
      ? input.InstanceIds
      : (await ctx.store.listInvocations({ commandId: input.CommandId }, { offset: 0, limit: 100_000 })).items.map(
          (i) => i.instanceId,
        );
  await ctx.authz.requireNodes("ssm:CancelCommand", nodes);
  await ctx.scheduler.exclusive(input.CommandId, () => cancelCommand(ctx, input.CommandId, input.InstanceIds));
  return {};
};
