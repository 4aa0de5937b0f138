import type { CommandRecord, InvocationRecord } from "../../core/model.ts";

/** Output of one step stream already stored, from its first byte. */
export interface StoredOutput {
  step: string;
  stream: "stdout" | "stderr";
  text: string;
  /** Byte offset of `text` in the step stream (0 when absent). */
  offset?: number;
}

/** Where `?from=start` reads what a node has already printed. */
export interface ReplaySource {
  read(command: CommandRecord, invocation: InvocationRecord): Promise<StoredOutput[]>;
}

/**
 * Replays what GetCommandInvocation shows: each finished step's first 24,000 characters of stdout
 * and 8,000 of stderr, as stored with the result. Steps still running replay nothing here; their
 * output arrives live. (A replay from the OutputStore, once it is fed, gives the full output.)
 */
export const invocationContentReplay: ReplaySource = {
  async read(_command, invocation) {
    const out: StoredOutput[] = [];
    for (const plugin of invocation.plugins) {
      if (plugin.stdout !== "") out.push({ step: plugin.name, stream: "stdout", text: plugin.stdout });
      if (plugin.stderr !== "") out.push({ step: plugin.name, stream: "stderr", text: plugin.stderr });
    }
    return out;
  },
};
