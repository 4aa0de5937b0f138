/**
 * The agent's script executor: runs one script step detached from the agent, with its output in
 * files and its exit code recorded, so a restarted agent can re-adopt it.
 */
export { adoptRunningStep } from "./adopt-running-step.ts";
export {
  DEFAULT_EXECUTION_TIMEOUT_SECONDS,
  MAX_EXECUTION_TIMEOUT_SECONDS,
  MIN_EXECUTION_TIMEOUT_SECONDS,
  normalizeExecutionTimeout,
} from "./execution-timeout.ts";
export { KILLED_RESPONSE_CODE } from "./exit-status.ts";
export { runScriptStep } from "./run-script-step.ts";
export { PWSH_MISSING_MESSAGE } from "./script-interpreter.ts";
export { stepDirectory } from "./step-files.ts";
export { LOST_RESULT_MESSAGE, STDERR_LIMIT, STDOUT_LIMIT } from "./step-result.ts";
export type {
  AdoptStepOptions,
  OutputListener,
  RunStepOptions,
  ScriptInterpreter,
  ScriptStep,
  StepResult,
  StepStatus,
} from "./types.ts";
