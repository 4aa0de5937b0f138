import type { ResultMessage } from "../../protocol/agent/messages.ts";
import { OUTPUT_LIMITS } from "../../protocol/output-limits.ts";
import { STATUS_OF_DETAILS } from "../invocation-states.ts";
import type { InvocationDetails, PluginResult } from "../model.ts";
import type { Bus } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Store } from "../ports/store.ts";
import { pluginOutput } from "./plugin-output.ts";

const DETAILS_OF_AGENT_STATUS: Record<ResultMessage["status"], InvocationDetails> = {
  Success: "Success",
  Failed: "Failed",
  TimedOut: "ExecutionTimedOut",
  Cancelled: "Cancelled",
};

/**
 * Stores an agent's final result for one of its own invocations. Idempotent: a result for an
 * invocation that already ended (a re-sent result, or one that arrives after a delivery timeout)
 * changes nothing. Returns whether it was recorded.
 */
export async function recordResult(
  deps: { store: Store; bus: Bus; clock: Clock },
  instanceId: string,
  result: ResultMessage,
): Promise<boolean> {
  const details = DETAILS_OF_AGENT_STATUS[result.status];
  const plugins: PluginResult[] = result.plugins.map((p) => ({
    name: p.name,
    action: p.action,
    status: p.status,
    responseCode: p.responseCode,
    output: pluginOutput(p.stdout, p.stderr),
    stdout: p.stdout.slice(0, OUTPUT_LIMITS.stdout),
    stderr: p.stderr.slice(0, OUTPUT_LIMITS.stderr),
    ...(p.startedAt === undefined ? {} : { startedAt: p.startedAt }),
    ...(p.endedAt === undefined ? {} : { endedAt: p.endedAt }),
  }));
  const stdout = plugins
    .map((p) => p.stdout)
    .join("")
    .slice(0, OUTPUT_LIMITS.stdout);
  const stderr = plugins
    .map((p) => p.stderr)
    .join("")
    .slice(0, OUTPUT_LIMITS.stderr);
  const changed = await deps.store.updateInvocation(
    result.commandId,
    instanceId,
    {
      status: STATUS_OF_DETAILS[details],
      statusDetails: details,
      responseCode: result.responseCode,
      ...(result.startedAt === undefined ? {} : { startedAt: result.startedAt }),
      endedAt: result.endedAt,
      stdout,
      stderr,
      plugins,
      updatedAt: deps.clock.now(),
    },
    { unlessTerminal: true },
  );
  if (changed) await deps.bus.publish("scheduler", { kind: "command-changed", commandId: result.commandId });
  return changed;
}
