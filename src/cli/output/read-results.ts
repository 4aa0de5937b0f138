import {
  type CommandInvocation,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import type { NodeResult } from "./group-results.ts";

/** One node's finished (or unfinished) share of a command, with its output. */
export interface NodeOutput extends NodeResult {
  stdout: string;
  stderr: string;
}

/** Reads a StandardOutputUrl/StandardErrorUrl in full; undefined when it cannot (the 24,000-char content is used). */
export type FullOutputReader = (url: string) => Promise<string | undefined>;

const PARALLEL = 8;

/**
 * Every node's result and output for a command (optionally one node), in the order the server
 * lists them: the full output from each step's StandardOutputUrl when it can be read, otherwise
 * GetCommandInvocation's StandardOutputContent/StandardErrorContent.
 */
export async function readResults(
  ssm: SSMClient,
  commandId: string,
  instanceId: string | undefined,
  readFull: FullOutputReader,
): Promise<NodeOutput[]> {
  const invocations: CommandInvocation[] = [];
  let token: string | undefined;
  do {
    const page = await ssm.send(
      new ListCommandInvocationsCommand({
        CommandId: commandId,
        Details: true,
        ...(instanceId ? { InstanceId: instanceId } : {}),
        ...(token ? { NextToken: token } : {}),
      }),
    );
    invocations.push(...(page.CommandInvocations ?? []));
    token = page.NextToken;
  } while (token);
  const out: NodeOutput[] = new Array(invocations.length);
  let next = 0;
  const worker = async () => {
    while (next < invocations.length) {
      const index = next++;
      const inv = invocations[index];
      if (inv) out[index] = await nodeOutput(ssm, inv, readFull);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, invocations.length) }, worker));
  return out;
}

async function nodeOutput(ssm: SSMClient, inv: CommandInvocation, readFull: FullOutputReader): Promise<NodeOutput> {
  let stdout = "";
  let stderr = "";
  let responseCode = -1;
  for (const plugin of inv.CommandPlugins ?? []) {
    // The first step that failed speaks for the node; otherwise the last one that ran.
    if (responseCode <= 0) responseCode = plugin.ResponseCode ?? responseCode;
    const fullOut = plugin.StandardOutputUrl ? await readFull(plugin.StandardOutputUrl) : undefined;
    const fullErr = plugin.StandardErrorUrl ? await readFull(plugin.StandardErrorUrl) : undefined;
    if (fullOut !== undefined && fullErr !== undefined) {
      stdout += fullOut;
      stderr += fullErr;
      continue;
    }
    const got = await ssm.send(
      new GetCommandInvocationCommand({
        CommandId: inv.CommandId,
        InstanceId: inv.InstanceId,
        ...(plugin.Name ? { PluginName: plugin.Name } : {}),
      }),
    );
    stdout += fullOut ?? got.StandardOutputContent ?? "";
    stderr += fullErr ?? got.StandardErrorContent ?? "";
  }
  return {
    instanceId: inv.InstanceId ?? "",
    status: inv.Status ?? "",
    statusDetails: inv.StatusDetails ?? "",
    responseCode,
    stdout,
    stderr,
    output: stdout + stderr,
  };
}
