import { renameSync, writeFileSync } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { SsmError } from "../../protocol/errors.ts";
import { isCode } from "./process-group.ts";

/** Names of the files inside a step directory. */
export const STEP_FILES = {
  stdout: "stdout",
  stderr: "stderr",
  exitCode: "exitcode",
  exitCodeTemp: "exitcode.tmp",
  process: "process.json",
  killed: "killed",
} as const;

/** Why the executor killed a step. */
export type KillReason = "TimedOut" | "Cancelled";

/** What `process.json` records right after the spawn, so a restarted agent can re-adopt the step. */
export interface ProcessRecord {
  pid: number;
  /** Equal to pid: the wrapper leads its own process group. */
  pgid: number;
  /** `/proc/<pid>/stat` field 22; null where /proc is unavailable or the process already ended. */
  startTime: number | null;
  /** ISO time of the spawn. */
  startedAt: string;
  /** Normalized execution timeout, counted from `startedAt`. */
  timeoutSeconds: number;
}

/** `<stateDir>/orchestration/<commandId>/<stepName with ':' → '-'>`; rejects names that could escape it. */
export function stepDirectory(stateDir: string, commandId: string, stepName: string): string {
  const step = stepName.replaceAll(":", "-");
  for (const part of [commandId, step]) {
    if (part === "" || part === "." || part === ".." || /[/\\\0]/.test(part)) {
      throw new SsmError("ValidationException", `invalid command id or step name for a directory: ${part}`);
    }
  }
  return join(stateDir, "orchestration", commandId, step);
}

/** Removes what an earlier run of the same step left behind, so stale files cannot be mistaken for this run's. */
export async function resetStepFiles(stepDir: string): Promise<void> {
  for (const name of Object.values(STEP_FILES)) await rm(join(stepDir, name), { force: true });
}

/** Writes `process.json` synchronously (temp file + rename) so it lands before anything else can happen. */
export function writeProcessRecord(stepDir: string, record: ProcessRecord): void {
  writeSmallFileSync(join(stepDir, STEP_FILES.process), `${JSON.stringify(record)}\n`);
}

/** Reads `process.json`; undefined when absent. */
export async function readProcessRecord(stepDir: string): Promise<ProcessRecord | undefined> {
  const text = await readOptional(join(stepDir, STEP_FILES.process));
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (!isProcessRecord(value)) {
    throw new SsmError("InternalServerError", `malformed ${STEP_FILES.process} in ${stepDir}`);
  }
  return value;
}

/** Records that the executor is about to kill the step (read back when adopting after a crash). */
export function writeKillMarker(stepDir: string, reason: KillReason): void {
  writeSmallFileSync(join(stepDir, STEP_FILES.killed), reason);
}

/** The recorded kill reason, if the executor killed the step. */
export async function readKillMarker(stepDir: string): Promise<KillReason | undefined> {
  const text = await readOptional(join(stepDir, STEP_FILES.killed));
  return text === "TimedOut" || text === "Cancelled" ? text : undefined;
}

/** The script's exit code written by the wrapper, with the time it was written; undefined while running. */
export async function readExitCode(stepDir: string): Promise<{ code: number; at: Date } | undefined> {
  const path = join(stepDir, STEP_FILES.exitCode);
  const text = await readOptional(path);
  if (text === undefined) return undefined;
  const code = Number.parseInt(text.trim(), 10);
  if (!Number.isFinite(code)) throw new SsmError("InternalServerError", `malformed exit code file ${path}`);
  return { code, at: (await stat(path)).mtime };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT")) return undefined;
    throw error;
  }
}

function writeSmallFileSync(path: string, content: string): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

function isProcessRecord(value: unknown): value is ProcessRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    Number.isInteger(r.pid) &&
    Number.isInteger(r.pgid) &&
    (r.startTime === null || typeof r.startTime === "number") &&
    typeof r.startedAt === "string" &&
    typeof r.timeoutSeconds === "number"
  );
}
