import { type CommandFilter, paginateListCommands, type Command as SsmCommand } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { SsmError } from "../protocol/errors.ts";
import { clientAction } from "./client-action.ts";
import { type ClientFlags, withClientFlags } from "./client-options.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { type Column, tableTime } from "./format/table.ts";
import { objectOf, parseStructured } from "./shorthand/structured-argument.ts";

/** Columns of a command listing. */
export const COMMAND_COLUMNS: readonly Column<SsmCommand>[] = [
  { header: "Command ID", value: (c) => c.CommandId },
  { header: "Document", value: (c) => c.DocumentName },
  { header: "Status", value: (c) => c.StatusDetails ?? c.Status },
  { header: "Targets", value: (c) => c.TargetCount },
  { header: "Completed", value: (c) => c.CompletedCount },
  { header: "Errors", value: (c) => c.ErrorCount },
  { header: "Requested", value: (c) => tableTime(c.RequestedDateTime) },
  { header: "Comment", value: (c) => c.Comment },
];

/** `--filters key=Status,value=Failed` entries (aws spells these members in lower case), or JSON. */
export function parseCommandFilters(args: readonly string[]): CommandFilter[] {
  return args.flatMap((arg) => {
    const parsed = parseStructured(arg, "--filters", "key=Status,value=Failed");
    return (Array.isArray(parsed) ? parsed : [parsed]).map((entry: unknown) => {
      const { key, value } = objectOf(entry, "--filters entry");
      if (typeof key !== "string" || typeof value !== "string")
        throw new SsmError("ValidationException", `--filters: expected key=<name>,value=<value>, got "${arg}"`);
      return { key: key as CommandFilter["key"], value };
    });
  });
}

type Flags = ClientFlags & { commandId?: string; instanceId?: string; filters?: string[]; output: OutputFormat };

/** `fleetrun list-commands`: every command (all pages), newest first, in the chosen format. */
export function listCommandsCommand(program: Command): void {
  const command = program
    .command("list-commands")
    .description("list commands (all pages)")
    .option("--command-id <id>", "only this command")
    .option("--instance-id <id>", "only commands that ran on this node")
    .option("--filters <filter...>", "key=Status,value=Failed (also InvokedAfter, InvokedBefore, DocumentName, ...)");
  withClientFlags(withOutputFlag(command)).action(
    clientAction<Flags>(async (ssm, flags) => {
      const commands: SsmCommand[] = [];
      for await (const page of paginateListCommands(
        { client: ssm, pageSize: 50 },
        {
          ...(flags.commandId ? { CommandId: flags.commandId } : {}),
          ...(flags.instanceId ? { InstanceId: flags.instanceId } : {}),
          ...(flags.filters?.length ? { Filters: parseCommandFilters(flags.filters) } : {}),
        },
      )) {
        commands.push(...(page.Commands ?? []));
      }
      process.stdout.write(
        render(flags.output, { response: { Commands: commands }, rows: commands, columns: COMMAND_COLUMNS }),
      );
      return 0;
    }),
  );
}
