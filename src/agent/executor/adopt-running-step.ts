import { stat } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_EXECUTION_TIMEOUT_SECONDS } from "./execution-timeout.ts";
import { isCode, isProcessAlive, killProcessGroup } from "./process-group.ts";
import { readExitCode, readKillMarker, readProcessRecord, STEP_FILES } from "./step-files.ts";
import { stepResultFromOutcome } from "./step-result.ts";
import { polledEnd, watchStep } from "./step-watch.ts";
import type { AdoptStepOptions, StepResult } from "./types.ts";

/**
 * Re-attaches to a step started by an earlier agent process (after a restart or crash):
 * - the executor had killed it (kill marker) → TimedOut/Cancelled (re-killing the group if it still runs);
 * - the wrapper wrote its exit code → the result, as if the agent had never left;
 * - the recorded process still runs (same pid and /proc start time) → waits for it by polling, with the
 *   timeout counted from the recorded start and the abort signal honoured;
 * - otherwise → Failed: the result was lost.
 */
export async function adoptRunningStep(stepDir: string, opts: AdoptStepOptions = {}): Promise<StepResult> {
  const record = await readProcessRecord(stepDir);
  const startedAt = record === undefined ? await fallbackStart(stepDir) : new Date(record.startedAt);
  const timeoutSeconds = record?.timeoutSeconds ?? DEFAULT_EXECUTION_TIMEOUT_SECONDS;
  const alive = record !== undefined && isProcessAlive(record.pid, record.startTime);

  const killedFor = await readKillMarker(stepDir);
  if (killedFor !== undefined) {
    if (alive) killProcessGroup(record.pgid);
    const outcome = { kind: "killed", reason: killedFor, endedAt: new Date() } as const;
    return stepResultFromOutcome(stepDir, outcome, startedAt, timeoutSeconds);
  }
  const exit = await readExitCode(stepDir);
  if (exit !== undefined) {
    return stepResultFromOutcome(
      stepDir,
      { kind: "exited", code: exit.code, endedAt: exit.at },
      startedAt,
      timeoutSeconds,
    );
  }
  if (!alive) {
    // It may have finished between the two checks above.
    const late = await readExitCode(stepDir);
    const outcome =
      late === undefined
        ? ({ kind: "lost", endedAt: new Date() } as const)
        : ({ kind: "exited", code: late.code, endedAt: late.at } as const);
    return stepResultFromOutcome(stepDir, outcome, startedAt, timeoutSeconds);
  }
  const ended = polledEnd(stepDir, record);
  const outcome = await watchStep({ stepDir, record, ended, signal: opts.signal, onOutput: opts.onOutput });
  return stepResultFromOutcome(stepDir, outcome, startedAt, timeoutSeconds);
}

/** Start time when process.json is missing (crash right at spawn): the script file's modification time. */
async function fallbackStart(stepDir: string): Promise<Date> {
  for (const name of ["_script.sh", "_script.ps1", STEP_FILES.stdout]) {
    try {
      return (await stat(join(stepDir, name))).mtime;
    } catch (error) {
      if (!isCode(error, "ENOENT")) throw error;
    }
  }
  return new Date();
}
