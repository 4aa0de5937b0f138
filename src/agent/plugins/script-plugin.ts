import {
  adoptRunningStep,
  normalizeExecutionTimeout,
  runScriptStep,
  type ScriptInterpreter,
  stepDirectory,
} from "../executor/index.ts";
import { commandLines, type Plugin } from "./plugin.ts";

/**
 * A plugin that runs `runCommand` as a script with `interpreter`, in its own process group.
 * After an agent restart it re-attaches to the process an earlier agent started.
 */
export function scriptPlugin(interpreter: ScriptInterpreter): Plugin {
  return (inputs, ctx) => {
    if (ctx.start === "adopt") {
      return adoptRunningStep(stepDirectory(ctx.stateDir, ctx.commandId, ctx.stepName), { signal: ctx.signal });
    }
    return runScriptStep(
      {
        commandId: ctx.commandId,
        stepName: ctx.stepName,
        interpreter,
        lines: commandLines(inputs.runCommand),
        workingDirectory: typeof inputs.workingDirectory === "string" ? inputs.workingDirectory : "",
        timeoutSeconds: normalizeExecutionTimeout(inputs.timeoutSeconds),
        env: ctx.env,
      },
      { stateDir: ctx.stateDir, signal: ctx.signal },
    );
  };
}
