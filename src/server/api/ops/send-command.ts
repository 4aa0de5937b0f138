import { type SendCommandInput, sendCommand } from "../../../core/commands/send-command.ts";
import type { OperationHandler } from "../context.ts";
import { commandView } from "../views.ts";

/** SendCommand: writes the command and wakes the scheduler. */
export const handleSendCommand: OperationHandler = async (ctx, input) => {
  const command = await sendCommand(ctx, input as unknown as SendCommandInput, ctx.caller.accessKeyId);
  await ctx.bus.publish("scheduler", { kind: "command-changed", commandId: command.commandId });
  return { Command: commandView(command) };
};
