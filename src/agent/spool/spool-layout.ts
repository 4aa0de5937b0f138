import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { SsmError } from "../../protocol/errors.ts";
import { isTempFile } from "./atomic-file.ts";

/** The spool's sub-directories, one per stage of an invocation. */
export const SPOOL_DIRS = ["pending", "running", "results", "done"] as const;
/** One stage directory. */
export type SpoolDir = (typeof SPOOL_DIRS)[number];

/** Content of a `done/` file: what is left of an invocation once it needs nothing more. */
export interface Tombstone {
  commandId: string;
  state: "acknowledged" | "cancelled";
  at: string;
}

/** Content of a `results/` file. */
export interface StoredResult {
  commandId: string;
  completedAt: string;
  result: unknown;
}

const COMMAND_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws unless `commandId` is safe to use as a file name. */
export function assertCommandId(commandId: string): void {
  if (!COMMAND_ID.test(commandId)) throw new SsmError("InvalidCommandId", `invalid command id: ${commandId}`);
}

/** Paths of one spool. */
export class SpoolLayout {
  readonly root: string;

  constructor(stateDir: string) {
    this.root = join(stateDir, "spool");
  }

  /** The directory of a stage. */
  dir(stage: SpoolDir): string {
    return join(this.root, stage);
  }

  /** The file of `commandId` in a stage. */
  file(stage: SpoolDir, commandId: string): string {
    return join(this.root, stage, `${commandId}.json`);
  }

  /** Command ids with a file in a stage (temp files excluded). */
  async ids(stage: SpoolDir): Promise<string[]> {
    const names = await readdir(this.dir(stage));
    return names.filter((n) => n.endsWith(".json") && !isTempFile(n)).map((n) => n.slice(0, -".json".length));
  }

  /** Whether `commandId` has a file in a stage. */
  async has(stage: SpoolDir, commandId: string): Promise<boolean> {
    return (await this.#stat(stage, commandId)) !== undefined;
  }

  /** Modification time of a stage file, undefined when absent. */
  async mtime(stage: SpoolDir, commandId: string): Promise<Date | undefined> {
    return (await this.#stat(stage, commandId))?.mtime;
  }

  /** Parsed JSON of a stage file; undefined when absent. Files are written atomically, so bad JSON means damage. */
  async read(stage: SpoolDir, commandId: string): Promise<unknown> {
    const path = this.file(stage, commandId);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SsmError("InternalServerError", `spool file ${path} is damaged (not JSON)`);
    }
  }

  /** The tombstone of `commandId`, if any. */
  async tombstone(commandId: string): Promise<Tombstone | undefined> {
    const value = (await this.read("done", commandId)) as Tombstone | undefined;
    if (value === undefined) return undefined;
    if (value.state !== "acknowledged" && value.state !== "cancelled") {
      throw new SsmError("InternalServerError", `spool tombstone of ${commandId} has an unknown state`);
    }
    return value;
  }

  async #stat(stage: SpoolDir, commandId: string) {
    try {
      return await stat(this.file(stage, commandId));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}

/** True for ENOENT. */
export function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT";
}
