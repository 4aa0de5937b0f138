import { validationError } from "../../../protocol/errors.ts";
import { commandFilter } from "../command-filters.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { commandView } from "../views.ts";
import { compact } from "../wire.ts";

/** ListCommands: newest first; an unknown CommandId gives an empty list (eventual consistency). */
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
  return compact({ Commands: page.items.map(commandView), NextToken: nextToken(request, page) });
};
