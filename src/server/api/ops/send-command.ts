import { type SendCommandInput, sendCommand } from "../../../core/commands/send-command.ts";
import type { Target } from "../../../core/model.ts";
import { validationError } from "../../../protocol/errors.ts";
import type { SendCommandRequest, Targets } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { commandView } from "../views.ts";

/**
 * The model's `Targets` (Key and Values optional) as the core's (both set). A missing Key is
 * refused here; missing Values are none, which the core refuses with its own message.
 */
function coreTargets(targets: Targets): Target[] {
  return targets.map((t) => {
    if (t.Key === undefined)
      throw validationError("Each entry of Targets needs a Key, such as tag:<key> or InstanceIds.");
    return { Key: t.Key, Values: t.Values ?? [] };
  });
}

/** SendCommand's model input as the core's {@link SendCommandInput}. */
function sendCommandInput(input: SendCommandRequest): SendCommandInput {
  const { Targets: targets, ...rest } = input;
  return { ...rest, ...(targets === undefined ? {} : { Targets: coreTargets(targets) }) };
}

/** SendCommand: writes the command and wakes the scheduler. */
export const handleSendCommand: OperationHandler<"SendCommand"> = async (ctx, input) => {
  const command = await sendCommand(ctx, sendCommandInput(input), ctx.caller.accessKeyId);
  await ctx.bus.publish("scheduler", { kind: "command-changed", commandId: command.commandId });
  return { Command: commandView(command) };
};
