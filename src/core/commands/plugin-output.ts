import { OUTPUT_LIMITS } from "../../protocol/output-limits.ts";

const SEPARATOR = "\n----------ERROR-------\n";
const OUTPUT_CUT = "\n---Output truncated---";
const ERROR_CUT = "\n---Error truncated----";

function cut(text: string, budget: number, marker: string): string {
  return text.length <= budget ? text : `${text.slice(0, Math.max(0, budget - marker.length))}${marker}`;
}

/**
 * A step's `Output` in ListCommandInvocations Details (2,500 characters), as the SSM agent
 * builds it: stdout, then stderr after a separator, each cut with its own marker. Stderr keeps
 * at least half of the budget when both are long.
 */
export function pluginOutput(stdout: string, stderr: string, limit: number = OUTPUT_LIMITS.details): string {
  if (stderr === "") return cut(stdout, limit, OUTPUT_CUT);
  const room = limit - SEPARATOR.length;
  if (stdout.length + stderr.length <= room) return `${stdout}${SEPARATOR}${stderr}`;
  const errBudget = Math.max(Math.floor(room / 2), room - stdout.length);
  const outBudget = room - Math.min(errBudget, stderr.length);
  return `${cut(stdout, outBudget, OUTPUT_CUT)}${SEPARATOR}${cut(stderr, room - Math.min(outBudget, stdout.length), ERROR_CUT)}`;
}
