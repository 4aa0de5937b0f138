/**
 * Shapes of the executor: one script step in, one step result out.
 */

/** Interpreters the executor can run a script with. */
export type ScriptInterpreter = "sh" | "pwsh";

/** Final status of one step, in the agent's vocabulary. */
export type StepStatus = "Success" | "Failed" | "TimedOut" | "Cancelled";

/** One script step (aws:runShellScript / aws:runPowerShellScript) to run on this node. */
export interface ScriptStep {
  commandId: string;
  /** Step name, e.g. "0.aws:runShellScript" or a mainSteps name; ':' becomes '-' in the step directory. */
  stepName: string;
  interpreter: ScriptInterpreter;
  /** Script lines; joined with "\n" plus a trailing newline. */
  lines: string[];
  /** Absolute directory to run in; "" = the step directory. */
  workingDirectory: string;
  /** Execution timeout; outside 5–172800 (or NaN) it falls back to 3600. */
  timeoutSeconds: number;
  /** Extra environment (SSM_COMMAND_ID, AWS_SSM_INSTANCE_ID, ...) on top of the agent's own. */
  env: Record<string, string>;
}

/** What a step produced. */
export interface StepResult {
  status: StepStatus;
  /** The script's exit code; 137 after a kill (timeout/cancel); -1 when no exit code exists. */
  responseCode: number;
  /** First 24,000 UTF-16 code units of stdout (never a split character). */
  stdout: string;
  /** First 8,000 UTF-16 code units of stderr (never a split character). */
  stderr: string;
  /** Full size of the stdout file in bytes. */
  stdoutBytes: number;
  /** Full size of the stderr file in bytes. */
  stderrBytes: number;
  /** ISO timestamps. */
  startedAt: string;
  endedAt: string;
  /** The step directory, holding `stdout`, `stderr`, `exitcode`, `process.json` and the script. */
  outputDir: string;
  /** True for exit codes 168 (Success) and 169 (Failed): the remaining steps must be skipped. */
  skipRemaining: boolean;
  message?: string;
}

/** Receives live output: decoded text chunks as they are appended to the step's files. */
export type OutputListener = (stream: "stdout" | "stderr", text: string) => void;

/** Options of {@link runScriptStep}. */
export interface RunStepOptions {
  /** The agent's state directory; steps live under `<stateDir>/orchestration/<commandId>/`. */
  stateDir: string;
  /** Aborting kills the step's process group; the result is Cancelled. */
  signal?: AbortSignal;
  /** Live output, polled from the files every 100 ms; all output is delivered before the promise settles. */
  onOutput?: OutputListener;
}

/** Options of {@link adoptRunningStep}. */
export interface AdoptStepOptions {
  signal?: AbortSignal;
  /** Live output; after adoption it is delivered again from the start of the files. */
  onOutput?: OutputListener;
}
