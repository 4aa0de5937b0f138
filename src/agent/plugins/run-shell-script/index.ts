import { normalizeExecutionTimeout, runScriptStep } from "../../executor/index.ts";
import { commandLines, type Plugin } from "../plugin.ts";

/** `aws:runShellScript`: the lines run by `sh` in the working directory, in their own process group. */
export const runShellScript: Plugin = (inputs, ctx) =>
  runScriptStep(
    {
      commandId: ctx.commandId,
      stepName: ctx.stepName,
      interpreter: "sh",
      lines: commandLines(inputs.runCommand),
      workingDirectory: typeof inputs.workingDirectory === "string" ? inputs.workingDirectory : "",
      timeoutSeconds: normalizeExecutionTimeout(inputs.timeoutSeconds),
      env: ctx.env,
    },
    { stateDir: ctx.stateDir, signal: ctx.signal },
  );
