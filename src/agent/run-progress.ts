import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { AgentPluginResult } from "../protocol/agent/messages.ts";
import { writeFileAtomic } from "./spool/atomic-file.ts";

/** One finished step: its key in the plan (the step name) and what is reported for it. */
export interface FinishedStep {
  key: string;
  result: AgentPluginResult;
}

/**
 * Where a run of a document's steps stands (`progress.json`), so a restarted agent resumes
 * instead of running a finished step again.
 */
export interface RunProgress {
  done: FinishedStep[];
  /** The step that was running, if any (its process may outlive the agent: re-adopt it). */
  current?: string;
  /** The step that exited 194: the node is rebooting, and the step runs again on the next start. */
  rebooting?: string;
  /** Reboots this run asked for so far. */
  reboots?: number;
  /** A step ended the document early (168/169, onFailure, onSuccess): only a finally step runs. */
  skipRest?: boolean;
}

/** Reads `progress.json`; an empty run when there is none. */
export async function loadProgress(path: string): Promise<RunProgress> {
  try {
    const progress = JSON.parse(await readFile(path, "utf8")) as RunProgress;
    // Earlier agents stored the reported results themselves, keyed by their name.
    progress.done = progress.done.map((d) =>
      "key" in d ? d : { key: (d as AgentPluginResult).name, result: d as AgentPluginResult },
    );
    return progress;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { done: [] };
    throw error;
  }
}

/** Writes `progress.json` atomically. */
export async function saveProgress(path: string, progress: RunProgress): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(progress));
}
