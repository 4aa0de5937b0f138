import { SendCommandCommand, type SSMClient, type Command as SsmCommand } from "@aws-sdk/client-ssm";
import { type Command, Option } from "commander";
import { clientAction } from "./client-action.ts";
import type { ClientFlags } from "./client-options.ts";
import { withClientFlags } from "./client-options.ts";
import { OUTPUT_FORMATS, type OutputFormat, render } from "./format/output-format.ts";
import { NODE_RESULT_COLUMNS, summarizeInvocation } from "./invocation-summary.ts";
import { COMMAND_COLUMNS } from "./list-commands-command.ts";
import { type SendCommandFlags, sendCommandInput } from "./send-command-input.ts";
import { allInvocations, waitForCommand } from "./wait/command-waiter.ts";
import { exitStatusOf } from "./wait/exit-status.ts";
import { ProgressDisplay } from "./wait/progress-display.ts";

type Flags = ClientFlags & SendCommandFlags & { wait?: boolean; output?: OutputFormat };

const EXIT_HELP = `
Exit status with --wait: 0 Success; 1 Failed or Incomplete; 2 TimedOut, Cancelled or any other end.
Every client command: 252 bad arguments, 254 the server refused the request, 255 anything else
(e.g. the server cannot be reached).`;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `fleetrun send-command`: `aws ssm send-command` with the same flags (shorthand or JSON for
 * --targets, --parameters, --notification-config, --cloud-watch-output-config), plus `--wait`:
 * live progress on stderr, then a per-node table, and an exit status that tells the result —
 * 0 Success, 1 Failed or Incomplete, 2 TimedOut, Cancelled or anything else.
 */
export function sendCommandCommand(program: Command): void {
  const command = program
    .command("send-command")
    .description("run a document on nodes (flags as aws ssm send-command); --wait follows it to the end")
    .requiredOption("--document-name <name>", "document to run, e.g. AWS-RunShellScript")
    .option("--document-version <version>", "$DEFAULT, $LATEST or a version number")
    .option("--document-hash <hash>", "expected document hash")
    .option("--document-hash-type <type>", "Sha256 or Sha1")
    .option("--instance-ids <id...>", "managed node ids (space-separated)")
    .option("--targets <target...>", "Key=tag:Role,Values=web,db (repeatable) or JSON")
    .option("--parameters <params>", 'commands=["echo hi","ls"],workingDirectory=/tmp or JSON', collect)
    .option("--comment <text>", "comment (up to 100 characters)")
    .option("--timeout-seconds <seconds>", "delivery timeout (30-2592000)")
    .option("--max-concurrency <n|n%>", "nodes running at once (default 50)")
    .option("--max-errors <n|n%>", "errors before the rest is stopped (default 0)")
    .option("--service-role-arn <arn>", "role for notifications")
    .option("--output-s3-region <region>", "ignored (as in SSM)")
    .option("--output-s3-bucket-name <bucket>", "bucket for the full output")
    .option("--output-s3-key-prefix <prefix>", "key prefix in that bucket")
    .option("--notification-config <config>", "NotificationArn=...,NotificationEvents=...,NotificationType=...")
    .option("--cloud-watch-output-config <config>", "CloudWatchOutputEnabled=true,CloudWatchLogGroupName=...")
    .option("--wait", "follow the command: progress on stderr, per-node table, exit 0/1/2 by result")
    .addOption(
      new Option("--output <format>", "output format (default: json, or table with --wait)").choices(OUTPUT_FORMATS),
    )
    .addHelpText("after", EXIT_HELP);
  withClientFlags(command).action(clientAction<Flags>((ssm, flags) => send(ssm, flags)));
}

async function send(ssm: SSMClient, flags: Flags): Promise<number> {
  const out = await ssm.send(new SendCommandCommand(await sendCommandInput(flags)));
  const command = out.Command ?? {};
  if (!flags.wait) {
    const format = flags.output ?? "json";
    process.stdout.write(render(format, { response: { Command: command }, rows: [command], columns: COMMAND_COLUMNS }));
    return 0;
  }
  const commandId = command.CommandId ?? "";
  process.stderr.write(`command ${commandId}\n`);
  const display = new ProgressDisplay(process.stderr);
  const final = await waitForCommand(ssm, commandId, (counts) => display.update(counts));
  display.finish();
  await report(ssm, final, flags.output ?? "table");
  return exitStatusOf(final.Status, final.StatusDetails);
}

/** The per-node results (stdout) and the command's outcome (stderr). */
async function report(ssm: SSMClient, command: SsmCommand, format: OutputFormat): Promise<void> {
  const invocations = await allInvocations(ssm, command.CommandId ?? "", true);
  const rows = invocations.map(summarizeInvocation);
  process.stdout.write(
    render(format, {
      response: { Command: command, CommandInvocations: invocations },
      rows,
      columns: NODE_RESULT_COLUMNS,
    }),
  );
  const details =
    command.StatusDetails && command.StatusDetails !== command.Status ? ` (${command.StatusDetails})` : "";
  process.stderr.write(`command ${command.CommandId} ${command.Status}${details}\n`);
}
