import { validationError } from "../../../protocol/errors.ts";
import { commandFilter } from "../command-filters.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { commandView } from "../views.ts";

type Input = { CommandId?: string; InstanceId?: string; Filters?: Array<{ key: string; value: string }> };

/** ListCommands: newest first; an unknown CommandId gives an empty list (eventual consistency). */
export const handleListCommands: OperationHandler = async (ctx, raw) => {
  const input = raw as Input;
  const filter = commandFilter(input.Filters, {
    ...(input.CommandId ? { commandId: input.CommandId } : {}),
    ...(input.InstanceId ? { instanceId: input.InstanceId } : {}),
  });
  if (input.InstanceId && filter.statuses?.includes("Pending")) {
    throw validationError("InstanceId cannot be combined with the Status filter value Pending.");
  }
  const request = pageRequest(raw, 50, 50);
  const page = await ctx.store.listCommands(filter, request);
  return { Commands: page.items.map(commandView), NextToken: nextToken(request, page) };
};
