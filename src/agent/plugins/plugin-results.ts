import { type StepResult, type StepStatus, stepDirectory } from "../executor/index.ts";
import type { PluginContext } from "./plugin.ts";

/** The result of a step that ran no process: `stdout`, or a failure whose message is its stderr. */
export function pluginResult(
  ctx: Pick<PluginContext, "stateDir" | "commandId" | "stepName">,
  startedAt: Date,
  outcome: { status: StepStatus; responseCode?: number; stdout?: string; message?: string },
): StepResult {
  const stdout = outcome.stdout ?? "";
  const stderr = outcome.status === "Success" ? "" : (outcome.message ?? "");
  return {
    status: outcome.status,
    responseCode: outcome.responseCode ?? (outcome.status === "Success" ? 0 : 1),
    stdout,
    stderr,
    stdoutBytes: Buffer.byteLength(stdout),
    stderrBytes: Buffer.byteLength(stderr),
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    outputDir: stepDirectory(ctx.stateDir, ctx.commandId, ctx.stepName),
    skipRemaining: false,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
  };
}

/** A failed step with `message` as its error output. */
export function pluginFailure(
  ctx: Pick<PluginContext, "stateDir" | "commandId" | "stepName">,
  startedAt: Date,
  message: string,
): StepResult {
  return pluginResult(ctx, startedAt, { status: "Failed", message });
}
