import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { normalizeExecutionTimeout } from "./execution-timeout.ts";
import { isCode, readProcessStat } from "./process-group.ts";
import { PWSH_MISSING_MESSAGE, prepareInterpreter, writeScript } from "./script-interpreter.ts";
import { type ProcessRecord, resetStepFiles, stepDirectory, writeProcessRecord } from "./step-files.ts";
import { notRunResult, stepResultFromOutcome } from "./step-result.ts";
import { childEnded, watchStep } from "./step-watch.ts";
import type { RunStepOptions, ScriptStep, StepResult } from "./types.ts";

/**
 * The wrapper the script runs under (`sh -c WRAPPER fleetrun-step <stepDir> <argv...>`). Arguments
 * travel as positional parameters, so no path is ever spliced into shell text. Output goes straight
 * to files and the exit code is written atomically (temp + mv), so both survive an agent crash.
 */
const WRAPPER = [
  "d=$1; shift",
  '"$@" >"$d/stdout" 2>"$d/stderr" </dev/null',
  "c=$?",
  'printf "%s\\n" "$c" >"$d/exitcode.tmp" && mv -f "$d/exitcode.tmp" "$d/exitcode"',
  'exit "$c"',
].join("\n");

/**
 * Runs one script step in its own process group, detached from the agent so it survives an agent
 * crash (re-attach with {@link adoptRunningStep}). Enforces the execution timeout and the abort
 * signal by SIGKILLing the group. Never rejects for script failures; those are in the result.
 */
export async function runScriptStep(step: ScriptStep, opts: RunStepOptions): Promise<StepResult> {
  const stepDir = stepDirectory(opts.stateDir, step.commandId, step.stepName);
  await mkdir(stepDir, { recursive: true });
  await resetStepFiles(stepDir);
  if (opts.signal?.aborted) {
    return notRunResult(stepDir, "Cancelled", -1, "the step was cancelled before it started", new Date());
  }
  const env = { ...process.env, ...step.env };
  const interpreter = await prepareInterpreter(step.interpreter, env.PATH ?? "");
  if (interpreter === undefined) return notRunResult(stepDir, "Failed", 1, PWSH_MISSING_MESSAGE, new Date());
  const cwd = await resolveWorkingDirectory(step, opts.stateDir, stepDir);
  if (cwd === undefined) {
    const message = `working directory ${step.workingDirectory} does not exist`;
    return notRunResult(stepDir, "Failed", 1, message, new Date());
  }
  const scriptPath = await writeScript(stepDir, interpreter, step.lines);
  const timeoutSeconds = normalizeExecutionTimeout(step.timeoutSeconds);

  const startedAt = new Date();
  const child = spawn("sh", ["-c", WRAPPER, "fleetrun-step", stepDir, ...interpreter.argv(scriptPath)], {
    cwd,
    env,
    detached: true,
    stdio: "ignore",
  });
  if (child.pid === undefined) {
    const error = await spawnError(child);
    return notRunResult(stepDir, "Failed", 1, `could not start the step: ${error.message}`, startedAt);
  }
  // Everything up to writing process.json is synchronous: the pid is still our unreaped child here.
  const ended = childEnded(child, stepDir);
  const record: ProcessRecord = {
    pid: child.pid,
    pgid: child.pid,
    startTime: readProcessStat(child.pid)?.startTime ?? null,
    startedAt: startedAt.toISOString(),
    timeoutSeconds,
  };
  writeProcessRecord(stepDir, record);
  const outcome = await watchStep({ stepDir, record, ended, signal: opts.signal, onOutput: opts.onOutput });
  return stepResultFromOutcome(stepDir, outcome, startedAt, timeoutSeconds);
}

/**
 * Absolute: used as is (undefined when it is not a directory). Empty: the step directory. Relative:
 * `<orchestration>/<commandId>/downloads/<dir>` when that exists, else the step directory (as the SSM agent).
 */
async function resolveWorkingDirectory(
  step: ScriptStep,
  stateDir: string,
  stepDir: string,
): Promise<string | undefined> {
  const dir = step.workingDirectory;
  if (dir === "") return stepDir;
  if (isAbsolute(dir)) return (await isDirectory(dir)) ? dir : undefined;
  const downloads = join(stateDir, "orchestration", step.commandId, "downloads", dir);
  return (await isDirectory(downloads)) ? downloads : stepDir;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return false;
    throw error;
  }
}

function spawnError(child: ChildProcess): Promise<Error> {
  return new Promise((resolve) => child.once("error", resolve));
}
