import { constants } from "node:os";
import { join } from "node:path";
import { OUTPUT_LIMITS } from "../../protocol/output-limits.ts";
import { KILLED_RESPONSE_CODE, statusForExitCode } from "./exit-status.ts";
import { readOutputPrefix } from "./output-prefix.ts";
import { STEP_FILES } from "./step-files.ts";
import type { StepOutcome } from "./step-watch.ts";
import type { StepResult, StepStatus } from "./types.ts";

/** Characters of stdout a result carries. */
export const STDOUT_LIMIT = OUTPUT_LIMITS.stdout;
/** Characters of stderr a result carries. */
export const STDERR_LIMIT = OUTPUT_LIMITS.stderr;

/** Message of a step whose process ended while no agent was watching, without an exit code. */
export const LOST_RESULT_MESSAGE = "the agent restarted while this step was running and its result was lost";

/** Builds the result of a step that ran (or was killed), reading the start of its output files. */
export async function stepResultFromOutcome(
  stepDir: string,
  outcome: StepOutcome,
  startedAt: Date,
  timeoutSeconds: number,
): Promise<StepResult> {
  const [stdout, stderr] = await Promise.all([
    readOutputPrefix(join(stepDir, STEP_FILES.stdout), STDOUT_LIMIT),
    readOutputPrefix(join(stepDir, STEP_FILES.stderr), STDERR_LIMIT),
  ]);
  const base = {
    stdout: stdout.text,
    stderr: stderr.text,
    stdoutBytes: stdout.bytes,
    stderrBytes: stderr.bytes,
    startedAt: startedAt.toISOString(),
    endedAt: outcome.endedAt.toISOString(),
    outputDir: stepDir,
    skipRemaining: false,
  };
  switch (outcome.kind) {
    case "exited": {
      const { status, skipRemaining, message } = statusForExitCode(outcome.code);
      return {
        ...base,
        status,
        responseCode: outcome.code,
        skipRemaining,
        ...(message === undefined ? {} : { message }),
      };
    }
    case "killed": {
      const message =
        outcome.reason === "TimedOut"
          ? `the step exceeded its execution timeout of ${timeoutSeconds} seconds and was killed`
          : "the step was cancelled and its processes were killed";
      const note = outcome.note === undefined ? "" : ` (${outcome.note})`;
      return { ...base, status: outcome.reason, responseCode: KILLED_RESPONSE_CODE, message: message + note };
    }
    case "signalled":
      return {
        ...base,
        status: "Failed",
        responseCode: 128 + signalNumber(outcome.signal),
        message: `the step was killed by ${outcome.signal}`,
      };
    case "lost":
      return { ...base, status: "Failed", responseCode: -1, message: LOST_RESULT_MESSAGE };
  }
}

/** Result of a step that never started a process. */
export function notRunResult(
  stepDir: string,
  status: StepStatus,
  responseCode: number,
  message: string,
  at: Date,
): StepResult {
  const iso = at.toISOString();
  return {
    status,
    responseCode,
    stdout: "",
    stderr: "",
    stdoutBytes: 0,
    stderrBytes: 0,
    startedAt: iso,
    endedAt: iso,
    outputDir: stepDir,
    skipRemaining: false,
    message,
  };
}

function signalNumber(signal: string): number {
  return (constants.signals as Record<string, number | undefined>)[signal] ?? 0;
}
