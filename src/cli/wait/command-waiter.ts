import {
  type Command,
  type CommandInvocation,
  ListCommandsCommand,
  paginateListCommandInvocations,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import type { ProgressCounts } from "../format/progress.ts";
import { isTerminalStatus } from "./exit-status.ts";

/** Invocation statuses that are final but not Success. */
const FAILED = new Set(["Failed", "TimedOut", "Cancelled"]);

/** The next poll interval: doubling from 200 ms up to 2 s. */
export function nextPollDelay(previousMs: number | undefined): number {
  return previousMs === undefined ? 200 : Math.min(2000, previousMs * 2);
}

/**
 * Progress from the command and its invocations: Success is done, any other final status is
 * failed, the rest (and targets that have no invocation yet) are pending.
 */
export function progressCounts(command: Command, invocations: readonly CommandInvocation[]): ProgressCounts {
  const total = Math.max(command.TargetCount ?? 0, invocations.length);
  const done = invocations.filter((i) => i.Status === "Success").length;
  const failed = invocations.filter((i) => FAILED.has(i.Status ?? "")).length;
  return { total, done, failed, pending: total - done - failed };
}

/** Every invocation of a command, all pages. */
export async function allInvocations(
  ssm: SSMClient,
  commandId: string,
  details: boolean,
): Promise<CommandInvocation[]> {
  const out: CommandInvocation[] = [];
  for await (const page of paginateListCommandInvocations(
    { client: ssm, pageSize: 50 },
    { CommandId: commandId, Details: details },
  )) {
    out.push(...(page.CommandInvocations ?? []));
  }
  return out;
}

/** The command as ListCommands shows it now. */
export async function currentCommand(ssm: SSMClient, commandId: string): Promise<Command> {
  const out = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
  const command = out.Commands?.[0];
  if (!command) throw new Error(`command ${commandId} is no longer listed`);
  return command;
}

/**
 * Polls until the command reaches a final status (ListCommands for the status,
 * ListCommandInvocations for per-target progress), calling `onProgress` after every poll; the
 * interval grows from 200 ms to 2 s. Resolves with the final Command.
 */
export async function waitForCommand(
  ssm: SSMClient,
  commandId: string,
  onProgress: (counts: ProgressCounts) => void,
): Promise<Command> {
  let delay: number | undefined;
  for (;;) {
    const command = await currentCommand(ssm, commandId);
    onProgress(progressCounts(command, await allInvocations(ssm, commandId, false)));
    if (isTerminalStatus(command.Status)) return command;
    delay = nextPollDelay(delay);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
