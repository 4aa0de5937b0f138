import { normalizeExecutionTimeout, runScriptStep } from "../../executor/index.ts";
import { commandLines, type Plugin } from "../plugin.ts";

/** `aws:runPowerShellScript`: run by `pwsh`; fails with a clear message where it is not installed. */
export const runPowerShellScript: Plugin = (inputs, ctx) =>
  runScriptStep(
    {
      commandId: ctx.commandId,
      stepName: ctx.stepName,
      interpreter: "pwsh",
      lines: commandLines(inputs.runCommand),
      workingDirectory: typeof inputs.workingDirectory === "string" ? inputs.workingDirectory : "",
      timeoutSeconds: normalizeExecutionTimeout(inputs.timeoutSeconds),
      env: ctx.env,
    },
    { stateDir: ctx.stateDir, signal: ctx.signal },
  );
