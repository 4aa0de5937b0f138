/** Helpers for tests that send commands through the AWS SDK. */
import {
  type Command,
  GetCommandInvocationCommand,
  type GetCommandInvocationCommandOutput,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  type SendCommandCommandInput,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import { waitFor } from "./fleet.ts";

const FINAL = new Set(["Success", "Failed", "Cancelled", "TimedOut"]);

/** Sends AWS-RunShellScript (unless the input says otherwise) and returns the command id. */
export async function send(
  ssm: SSMClient,
  input: Partial<SendCommandCommandInput> & { commands?: string[] },
): Promise<string> {
  const { commands, ...rest } = input;
  const out = await ssm.send(
    new SendCommandCommand({
      DocumentName: "AWS-RunShellScript",
      ...(commands ? { Parameters: { commands } } : {}),
      ...rest,
    }),
  );
  return out.Command?.CommandId ?? "";
}

/** The command as ListCommands reports it. */
export async function getCommand(ssm: SSMClient, commandId: string): Promise<Command> {
  const out = await ssm.send(new ListCommandsCommand({ CommandId: commandId }));
  const command = out.Commands?.[0];
  if (!command) throw new Error(`command ${commandId} not listed`);
  return command;
}

/** Waits until the command reaches a final status and returns it. */
export async function waitCommand(ssm: SSMClient, commandId: string, timeoutMs = 30_000): Promise<Command> {
  return waitFor(
    `command ${commandId} to finish`,
    async () => {
      const c = await getCommand(ssm, commandId);
      return FINAL.has(c.Status ?? "") ? c : undefined;
    },
    timeoutMs,
  );
}

/** GetCommandInvocation for one node. */
export async function invocation(
  ssm: SSMClient,
  commandId: string,
  instanceId: string,
): Promise<GetCommandInvocationCommandOutput> {
  return ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
}

/** Every invocation of a command, by instance id. */
export async function invocations(ssm: SSMClient, commandId: string, details = false) {
  const out = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: details }));
  return new Map((out.CommandInvocations ?? []).map((i) => [i.InstanceId ?? "", i]));
}
