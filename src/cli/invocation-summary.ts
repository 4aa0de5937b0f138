import type { CommandInvocation, CommandPlugin } from "@aws-sdk/client-ssm";
import type { Column } from "./format/table.ts";

/** What one node's invocation came to, for the per-node table. */
export interface NodeResult {
  instanceId: string;
  instanceName: string;
  status: string;
  responseCode: string;
  firstLine: string;
}

/** The separator the agent puts between stdout and stderr in a plugin's `Output`. */
const ERROR_MARKER = "----------ERROR-------";

/** The first non-blank line of a text, trimmed. */
export function firstLine(text: string | undefined): string {
  return (
    (text ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "") ?? ""
  );
}

/** The first line of a plugin's `Output`: from its stdout part, else from its stderr part. */
export function outputFirstLine(output: string | undefined): string {
  const [stdout, stderr] = (output ?? "").split(ERROR_MARKER);
  return firstLine(stdout) || firstLine(stderr);
}

/**
 * The step that decided the outcome: the first that did not succeed, else the last one that ran.
 */
function decidingPlugin(plugins: readonly CommandPlugin[]): CommandPlugin | undefined {
  return plugins.find((p) => p.Status !== "Success" && p.Status !== "Pending") ?? plugins.at(-1);
}

/**
 * One node's result from a ListCommandInvocations row fetched with `Details`: status details,
 * the deciding step's response code and the first line of its output (stdout, else stderr).
 */
export function summarizeInvocation(invocation: CommandInvocation): NodeResult {
  const plugin = decidingPlugin(invocation.CommandPlugins ?? []);
  const code = plugin?.ResponseCode;
  return {
    instanceId: invocation.InstanceId ?? "",
    instanceName: invocation.InstanceName ?? "",
    status: invocation.StatusDetails ?? invocation.Status ?? "",
    responseCode: code === undefined || code === -1 ? "-" : String(code),
    firstLine: outputFirstLine(plugin?.Output),
  };
}

/** The per-node table: instance, name, status, response code, first line of output. */
export const NODE_RESULT_COLUMNS: readonly Column<NodeResult>[] = [
  { header: "Instance", value: (r) => r.instanceId },
  { header: "Name", value: (r) => r.instanceName },
  { header: "Status", value: (r) => r.status },
  { header: "Code", value: (r) => r.responseCode },
  { header: "Output", value: (r) => r.firstLine },
];
