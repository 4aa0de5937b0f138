import type { AgentPluginResult, ResultMessage } from "../protocol/agent/messages.ts";
import type { PlannedStep } from "../protocol/document/index.ts";
import { STDERR_LIMIT, STDOUT_LIMIT, type StepResult } from "./executor/index.ts";

/** Exit code a step uses to ask for a reboot (Linux and macOS). */
export const EXIT_REBOOT = 194;
/** Response code of a step whose failure `onFailure: successAndExit` turned into success. */
const EXIT_SUCCESS_AND_SKIP = 168;

const NOTE_168 =
  "\nStep exited with code 168. Therefore, marking step as succeeded. Further document steps will be skipped.";
const NOTE_169 =
  "\nStep exited with code 169. Therefore, marking step as Failed. Further document steps will be skipped.";
const NOTE_ON_FAILURE = "\nStep was found to have onFailure property. Further document steps will be skipped.";

/** True when a step's result asks for a reboot (exit code 194). */
export function isRebootRequest(result: StepResult): boolean {
  return result.status === "Failed" && result.responseCode === EXIT_REBOOT;
}

/** `text` with `note` appended, cut so the whole stays within `limit` characters (the note survives). */
export function appendNote(text: string, note: string, limit: number): string {
  return text.slice(0, Math.max(0, limit - note.length)) + note;
}

/**
 * Applies the step's flow controls to its result, as the SSM agent does: exit code 168 → Success
 * and skip the rest (stderr dropped); 169 → Failed and skip the rest; Failed with `onFailure: exit`
 * → skip the rest, with `successAndExit` also → Success (code 168); Success with
 * `onSuccess: exit` → skip the rest. Notes are appended to the output as the agent writes them.
 */
export function applyFlow(step: PlannedStep, r: StepResult): { result: StepResult; endsDocument: boolean } {
  const noted = (note: string, stderrToo: boolean): StepResult => ({
    ...r,
    stdout: appendNote(r.stdout, note, STDOUT_LIMIT),
    stderr: stderrToo ? appendNote(r.stderr, note, STDERR_LIMIT) : "",
  });
  if (r.skipRemaining && r.status === "Success") return { result: noted(NOTE_168, false), endsDocument: true };
  if (r.skipRemaining) return { result: noted(NOTE_169, true), endsDocument: true };
  if (r.status === "Failed" && (step.onFailure === "exit" || step.onFailure === "successAndExit")) {
    const result = noted(NOTE_ON_FAILURE, true);
    if (step.onFailure === "exit") return { result, endsDocument: true };
    return { result: { ...result, status: "Success", responseCode: EXIT_SUCCESS_AND_SKIP }, endsDocument: true };
  }
  return { result: r, endsDocument: r.status === "Success" && step.onSuccess === "exit" };
}

/** Schema 1.2 reports steps by plugin name (`aws:runShellScript`), 2.x by step name. */
export function reportedName(step: PlannedStep, schemaVersion: string): string {
  return schemaVersion.startsWith("1.") ? step.action : step.name;
}

/** A step's result as the result frame carries it (a message stands in for an empty stderr). */
export function reportedResult(step: PlannedStep, r: StepResult, schemaVersion: string): AgentPluginResult {
  return {
    name: reportedName(step, schemaVersion),
    action: step.action,
    status: r.status,
    responseCode: r.responseCode,
    stdout: r.stdout,
    stderr: r.message && r.stderr === "" ? r.message.slice(0, STDERR_LIMIT) : r.stderr,
    startedAt: Date.parse(r.startedAt),
    endedAt: Date.parse(r.endedAt),
    ...(r.message === undefined ? {} : { message: r.message.slice(0, 2000) }),
  };
}

/**
 * A step that did not run (precondition, unsupported plugin, an earlier exit): the agent's
 * `Skipped`, which the API has no word for, so it is reported as Success with code 0 and the
 * reason as its output (as AWS shows it).
 */
export function skippedResult(step: PlannedStep, schemaVersion: string, reason: string): AgentPluginResult {
  const now = Date.now();
  return {
    name: reportedName(step, schemaVersion),
    action: step.action,
    status: "Success",
    responseCode: 0,
    stdout: reason.slice(0, STDOUT_LIMIT),
    stderr: "",
    startedAt: now,
    endedAt: now,
  };
}

/** Document status from its steps: Failed > TimedOut > Cancelled > Success (the agent's precedence). */
export function documentStatus(results: readonly AgentPluginResult[]): ResultMessage["status"] {
  for (const s of ["Failed", "TimedOut", "Cancelled"] as const) if (results.some((r) => r.status === s)) return s;
  return "Success";
}

/** The response code of a document: the first step with the document's status decides, else the last step. */
export function documentResponseCode(results: readonly AgentPluginResult[], status: ResultMessage["status"]): number {
  const deciding = results.find((r) => r.status === status) ?? results.at(-1);
  return deciding?.responseCode ?? (status === "Cancelled" ? 137 : 0);
}
