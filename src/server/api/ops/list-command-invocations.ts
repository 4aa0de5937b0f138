import type { CommandRecord } from "../../../core/model.ts";
import { invocationFilter } from "../command-filters.ts";
import type { OperationHandler } from "../context.ts";
import { outputUrls } from "../output-urls.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { invocationView } from "../views.ts";
import { compact } from "../wire.ts";

/**
 * ListCommandInvocations: one row per node; `Details` adds per-step CommandPlugins. Rows of nodes
 * the caller may not read are left out (a page may then hold fewer than MaxResults).
 */
export const handleListCommandInvocations: OperationHandler<"ListCommandInvocations"> = async (ctx, input) => {
  const filter = invocationFilter(input.Filters, {
    ...(input.CommandId ? { commandId: input.CommandId } : {}),
    ...(input.InstanceId ? { instanceId: input.InstanceId } : {}),
  });
  const request = pageRequest(input, 50, 50);
  const page = await ctx.store.listInvocations(filter, request);
  const visible = new Set(
    await ctx.authz.allowedNodes(
      "ssm:ListCommandInvocations",
      page.items.map((i) => i.instanceId),
    ),
  );
  page.items = page.items.filter((i) => visible.has(i.instanceId));
  const commands = new Map<string, CommandRecord | undefined>();
  for (const inv of page.items) {
    if (!commands.has(inv.commandId)) commands.set(inv.commandId, await ctx.store.getCommand(inv.commandId));
  }
  return compact({
    CommandInvocations: page.items.map((inv) => {
      const command = commands.get(inv.commandId);
      return invocationView(inv, command, input.Details === true, outputUrls(ctx.outputs, command));
    }),
    NextToken: nextToken(request, page),
  });
};
