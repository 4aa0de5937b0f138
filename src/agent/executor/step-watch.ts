import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { OutputTail } from "./output-tail.ts";
import { isProcessAlive, killProcessGroup } from "./process-group.ts";
import { type KillReason, type ProcessRecord, readExitCode, writeKillMarker } from "./step-files.ts";
import type { OutputListener } from "./types.ts";

/** How a watched step ended. */
export type StepOutcome =
  | { kind: "exited"; code: number; endedAt: Date }
  | { kind: "killed"; reason: KillReason; endedAt: Date; note?: string }
  | { kind: "signalled"; signal: string; endedAt: Date }
  | { kind: "lost"; endedAt: Date };

/** What {@link watchStep} needs to know about a running step. */
export interface WatchInput {
  stepDir: string;
  record: ProcessRecord;
  /** Resolves once the wrapper process has ended (how depends on whether it is our child). */
  ended: Promise<StepOutcome>;
  signal?: AbortSignal | undefined;
  onOutput?: OutputListener | undefined;
}

const ADOPTED_POLL_MS = 200;

/**
 * Waits for a running step while enforcing its timeout and the abort signal: either one kills the
 * whole process group (after writing the kill marker, so a restarted agent knows why it died).
 */
export async function watchStep(input: WatchInput): Promise<StepOutcome> {
  const { stepDir, record, signal } = input;
  const tail = input.onOutput === undefined ? undefined : new OutputTail(stepDir, input.onOutput);
  tail?.start();
  let killedFor: KillReason | undefined;
  let note: string | undefined;
  const kill = (reason: KillReason): void => {
    if (killedFor !== undefined) return;
    killedFor = reason;
    // Runs in a timer or abort callback: a throw here would crash the agent and leave the step running.
    try {
      writeKillMarker(stepDir, reason);
    } catch (error) {
      note = `the kill could not be recorded in the step directory: ${(error as Error).message}`;
    }
    killProcessGroup(record.pgid);
  };
  const deadline = Date.parse(record.startedAt) + record.timeoutSeconds * 1000;
  const timer = setTimeout(() => kill("TimedOut"), Math.max(0, deadline - Date.now()));
  const onAbort = (): void => kill("Cancelled");
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  let outcome: StepOutcome;
  try {
    outcome = await input.ended;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    await tail?.stop();
  }
  if (killedFor === undefined) return outcome;
  return { kind: "killed", reason: killedFor, endedAt: outcome.endedAt, ...(note === undefined ? {} : { note }) };
}

/** Completion of a wrapper that is our own child: its 'exit' event, then the exit code file. */
export function childEnded(child: ChildProcess, stepDir: string): Promise<StepOutcome> {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  }).then(async ({ code, signal }) => {
    const endedAt = new Date();
    const file = await readExitCode(stepDir);
    if (file !== undefined) return { kind: "exited", code: file.code, endedAt };
    if (signal !== null) return { kind: "signalled", signal, endedAt };
    // The wrapper ran the script but could not write the file (e.g. disk full); it exits with the script's code.
    return { kind: "exited", code: code ?? -1, endedAt };
  });
}

/** Completion of an adopted wrapper (not our child): poll for the exit code file and the process's liveness. */
export async function polledEnd(stepDir: string, record: ProcessRecord): Promise<StepOutcome> {
  for (;;) {
    const file = await readExitCode(stepDir);
    if (file !== undefined) return { kind: "exited", code: file.code, endedAt: new Date() };
    if (!isProcessAlive(record.pid, record.startTime)) {
      // The wrapper may have written the file just before it ended.
      const last = await readExitCode(stepDir);
      if (last !== undefined) return { kind: "exited", code: last.code, endedAt: new Date() };
      return { kind: "lost", endedAt: new Date() };
    }
    await sleep(ADOPTED_POLL_MS);
  }
}
