import type { CommandInvocation, CommandPlugin } from "@aws-sdk/client-ssm";
import { paginateListCommandInvocations } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { clientAction } from "./client-action.ts";
import { type ClientFlags, withClientFlags } from "./client-options.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { type Column, tableTime } from "./format/table.ts";
import { outputFirstLine } from "./invocation-summary.ts";
import { parseCommandFilters } from "./list-commands-command.ts";

/** One row of `invocations --details`: a step of one node's invocation. */
interface StepRow {
  invocation: CommandInvocation;
  plugin: CommandPlugin;
}

const INVOCATION_COLUMNS: readonly Column<CommandInvocation>[] = [
  { header: "Instance", value: (i) => i.InstanceId },
  { header: "Name", value: (i) => i.InstanceName },
  { header: "Status", value: (i) => i.StatusDetails ?? i.Status },
  { header: "Document", value: (i) => i.DocumentName },
  { header: "Requested", value: (i) => tableTime(i.RequestedDateTime) },
];

const STEP_COLUMNS: readonly Column<StepRow>[] = [
  { header: "Instance", value: (r) => r.invocation.InstanceId },
  { header: "Step", value: (r) => r.plugin.Name },
  { header: "Status", value: (r) => r.plugin.StatusDetails ?? r.plugin.Status },
  { header: "Code", value: (r) => (r.plugin.ResponseCode === -1 ? "-" : r.plugin.ResponseCode) },
  { header: "Started", value: (r) => tableTime(r.plugin.ResponseStartDateTime) },
  { header: "Finished", value: (r) => tableTime(r.plugin.ResponseFinishDateTime) },
  { header: "Output", value: (r) => outputFirstLine(r.plugin.Output) },
];

type Flags = ClientFlags & { details?: boolean; instanceId?: string; filters?: string[]; output: OutputFormat };

/**
 * `fleetrun invocations <commandId>`: one row per node (all pages); `--details` adds every step
 * with its response code, times and first line of output.
 */
export function invocationsCommand(program: Command): void {
  const command = program
    .command("invocations")
    .description("list a command's invocations, one per node (all pages)")
    .argument("<commandId>", "the command")
    .option("--details", "include every step (status, response code, first line of output)")
    .option("--instance-id <id>", "only this node")
    .option("--filters <filter...>", "key=Status,value=Failed (also InvokedAfter, InvokedBefore, DocumentName)");
  withClientFlags(withOutputFlag(command)).action(
    clientAction<Flags>(async (ssm, flags, commandId) => {
      const invocations: CommandInvocation[] = [];
      for await (const page of paginateListCommandInvocations(
        { client: ssm, pageSize: 50 },
        {
          CommandId: commandId,
          Details: flags.details === true,
          ...(flags.instanceId ? { InstanceId: flags.instanceId } : {}),
          ...(flags.filters?.length ? { Filters: parseCommandFilters(flags.filters) } : {}),
        },
      )) {
        invocations.push(...(page.CommandInvocations ?? []));
      }
      const response = { CommandInvocations: invocations };
      if (!flags.details) {
        process.stdout.write(render(flags.output, { response, rows: invocations, columns: INVOCATION_COLUMNS }));
        return 0;
      }
      const rows = invocations.flatMap((invocation) =>
        (invocation.CommandPlugins ?? []).map((plugin) => ({ invocation, plugin })),
      );
      process.stdout.write(render(flags.output, { response, rows, columns: STEP_COLUMNS }));
      return 0;
    }),
  );
}
