import type { CommandRecord } from "../../../core/model.ts";
import { validationError } from "../../../protocol/errors.ts";
import { commandFilter } from "../command-filters.ts";
import type { ApiContext, OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { commandView } from "../views.ts";
import { compact } from "../wire.ts";

/** The nodes looked at to decide whether a command is visible. */
const SAMPLE = 200;

/** A command is visible to whoever sent it, and to a caller allowed ssm:ListCommands on one of its nodes. */
async function visibleCommand(ctx: ApiContext, command: CommandRecord): Promise<boolean> {
  if (command.requestedBy === ctx.caller.accessKeyId) return true;
  const invocations = await ctx.store.listInvocations({ commandId: command.commandId }, { offset: 0, limit: SAMPLE });
  for (const inv of invocations.items) {
    if (await ctx.authz.allows("ssm:ListCommands", await ctx.authz.node(inv.instanceId))) return true;
  }
  return false;
}

/**
 * ListCommands: newest first; an unknown CommandId gives an empty list (eventual consistency).
 * Commands the caller may not see (see visibleCommand) are left out.
 */
export const handleListCommands: OperationHandler<"ListCommands"> = async (ctx, input) => {
  const filter = commandFilter(input.Filters, {
    ...(input.CommandId ? { commandId: input.CommandId } : {}),
    ...(input.InstanceId ? { instanceId: input.InstanceId } : {}),
  });
  if (input.InstanceId && filter.statuses?.includes("Pending")) {
    throw validationError("InstanceId cannot be combined with the Status filter value Pending.");
  }
  const request = pageRequest(input, 50, 50);
  const page = await ctx.store.listCommands(filter, request);
  const visible = [];
  for (const command of page.items) if (await visibleCommand(ctx, command)) visible.push(command);
  page.items = visible;
  return compact({ Commands: page.items.map(commandView), NextToken: nextToken(request, page) });
};
