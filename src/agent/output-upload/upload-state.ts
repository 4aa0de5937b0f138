import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../spool/atomic-file.ts";

/** The two output streams of a step, each a file in its step directory. */
export const OUTPUT_STREAMS = ["stdout", "stderr"] as const;
/** One output stream. */
export type OutputStream = (typeof OUTPUT_STREAMS)[number];

/** Name of the upload state file in a step directory. */
export const UPLOAD_STATE_FILE = "upload.json";

/** A step whose output is uploaded: the names of its output key and its directory on the node. */
export interface StepUpload {
  commandId: string;
  /** The step's name as its directory and its output key use it (`0.aws:runShellScript`, `outer.inner`). */
  step: string;
  /** The plugin, e.g. `aws:runShellScript`. */
  action: string;
  /** The step directory holding `stdout` and `stderr`. */
  dir: string;
}

/** What `upload.json` records, so a restarted agent resumes where the server's acks left off. */
export interface UploadState {
  commandId: string;
  step: string;
  action: string;
  /** The step ended: its files do not grow any more. */
  final: boolean;
  /** Bytes the server acknowledged as stored, per stream. */
  acked: Record<OutputStream, number>;
  /** The server completed the object, per stream. */
  done: Record<OutputStream, boolean>;
}

/** The state of a step whose upload starts now. */
export function newUploadState(step: StepUpload): UploadState {
  return {
    commandId: step.commandId,
    step: step.step,
    action: step.action,
    final: false,
    acked: { stdout: 0, stderr: 0 },
    done: { stdout: false, stderr: false },
  };
}

/** Reads a step directory's upload state; undefined when there is none. */
export async function readUploadState(dir: string): Promise<UploadState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, UPLOAD_STATE_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as UploadState;
}

/** Replaces a step directory's upload state atomically. */
export function writeUploadState(dir: string, state: UploadState): Promise<void> {
  return writeFileAtomic(join(dir, UPLOAD_STATE_FILE), JSON.stringify(state));
}
