import { normalizeExecutionTimeout, runScriptStep, type ScriptInterpreter } from "../executor/index.ts";
import { commandLines, type Plugin } from "./plugin.ts";

/** A plugin that runs `runCommand` as a script with `interpreter`, in its own process group. */
export function scriptPlugin(interpreter: ScriptInterpreter): Plugin {
  return (inputs, ctx) =>
    runScriptStep(
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
}
