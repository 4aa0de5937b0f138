import { readdirSync, readFileSync } from "node:fs";

/** The parts of `/proc/<pid>/stat` the executor needs. */
export interface ProcessStat {
  /** One-letter state; "Z" is a zombie (already dead, not yet reaped). */
  state: string;
  /** Process group id (field 5). */
  pgrp: number;
  /** Start time in clock ticks after boot (field 22): with the pid, it identifies one process. */
  startTime: number;
}

/** Reads `/proc/<pid>/stat`; undefined when the process does not exist or /proc is unavailable. */
export function readProcessStat(pid: number): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    if (isCode(error, "ENOENT") || isCode(error, "ESRCH")) return undefined;
    throw error;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces and ')'.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const pgrp = Number(fields[2]);
  const startTime = Number(fields[19]);
  if (state === undefined || !Number.isFinite(pgrp) || !Number.isFinite(startTime)) return undefined;
  return { state, pgrp, startTime };
}

/** True when /proc is mounted (Linux), so start times can guard against pid reuse. */
export function hasProcFs(): boolean {
  return readProcessStat(process.pid) !== undefined;
}

/**
 * True when the process `pid` is still running and is the one that started at `startTime`
 * (a zombie counts as ended). Without a recorded start time only `kill(pid, 0)` can be asked.
 */
export function isProcessAlive(pid: number, startTime: number | null): boolean {
  if (startTime !== null) {
    const stat = readProcessStat(pid);
    return stat !== undefined && stat.state !== "Z" && stat.startTime === startTime;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (isCode(error, "ESRCH")) return false;
    if (isCode(error, "EPERM")) return true;
    throw error;
  }
}

/** SIGKILLs every process of the group `pgid`; false when the group no longer exists. */
export function killProcessGroup(pgid: number): boolean {
  try {
    process.kill(-pgid, "SIGKILL");
    return true;
  } catch (error) {
    if (isCode(error, "ESRCH")) return false;
    throw error;
  }
}

/** Pids of the group's members that are still running (zombies excluded); Linux only. */
export function livingGroupMembers(pgid: number): number[] {
  const living: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcessStat(Number(name));
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== "Z") living.push(Number(name));
  }
  return living;
}

/** True when `error` is a Node system error with this code. */
export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
