import { CancelCommandCommand } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { clientAction } from "./client-action.ts";
import { type ClientFlags, withClientFlags } from "./client-options.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { COMMAND_COLUMNS } from "./list-commands-command.ts";
import { currentCommand } from "./wait/command-waiter.ts";

type Flags = ClientFlags & { instanceIds?: string[]; output: OutputFormat };

/**
 * `fleetrun cancel <commandId>`: CancelCommand for the whole command or `--instance-ids`, then the
 * command as it stands (usually Cancelling; `list-commands` shows it end Cancelled).
 */
export function cancelCommand(program: Command): void {
  const command = program
    .command("cancel")
    .description("cancel a command on all its nodes or on some (best effort, as CancelCommand)")
    .argument("<commandId>", "the command")
    .option("--instance-ids <id...>", "only these nodes (space-separated)");
  withClientFlags(withOutputFlag(command)).action(
    clientAction<Flags>(async (ssm, flags, commandId) => {
      const instanceIds = (flags.instanceIds ?? []).flatMap((id) => id.split(",")).filter(Boolean);
      await ssm.send(
        new CancelCommandCommand({ CommandId: commandId, ...(instanceIds.length ? { InstanceIds: instanceIds } : {}) }),
      );
      const after = await currentCommand(ssm, commandId);
      process.stdout.write(
        render(flags.output, { response: { Command: after }, rows: [after], columns: COMMAND_COLUMNS }),
      );
      return 0;
    }),
  );
}
