import { type SendCommandInput, sendCommand } from "../../../core/commands/send-command.ts";
import { documentNameOf } from "../../../core/documents/document-catalog.ts";
import type { Target } from "../../../core/model.ts";
import { validationError } from "../../../protocol/errors.ts";
import type { SendCommandRequest, Targets } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";

const ACTION = "ssm:SendCommand";

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

/**
 * SendCommand: the caller needs ssm:SendCommand on the document and on every node. Nodes named
 * explicitly must all be allowed (AccessDeniedException otherwise); nodes reached through tags
 * that the caller may not touch end AccessDenied and never receive the command.
 */
export const handleSendCommand: OperationHandler<"SendCommand"> = async (ctx, input) => {
  await ctx.authz.require(ACTION, await ctx.authz.document(documentNameOf(input.DocumentName)));
  // Notifications make the server POST on the caller's behalf: as on AWS, that takes sns:Publish
  // on the target (a topic ARN, or the webhook URL itself).
  const notificationArn = input.NotificationConfig?.NotificationArn;
  if (notificationArn) await ctx.authz.require("sns:Publish", { arn: notificationArn });
  const deps = {
    ...ctx,
    deniedTargets: async (ids: readonly string[], explicit: boolean): Promise<ReadonlySet<string>> => {
      if (explicit) {
        await ctx.authz.requireNodes(ACTION, ids);
        return new Set();
      }
      const allowed = new Set(await ctx.authz.allowedNodes(ACTION, ids));
      return new Set(ids.filter((id) => !allowed.has(id)));
    },
  };
  const command = await sendCommand(deps, sendCommandInput(input), ctx.caller.accessKeyId);
  await ctx.bus.publish("scheduler", { kind: "command-changed", commandId: command.commandId });
  return { Command: commandView(command) };
};
