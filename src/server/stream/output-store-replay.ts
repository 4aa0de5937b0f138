import type { CommandRecord, InvocationRecord } from "../../core/model.ts";
import { type OutputStore, outputKey } from "../../core/ports/output-store.ts";
import { parseDocument } from "../../protocol/document/index.ts";
import { invocationContentReplay, type ReplaySource, type StoredOutput } from "./replay-source.ts";

/** A step stream above this size replays only its last bytes (a watcher wants the recent output). */
const MAX_REPLAY_BYTES = 4 * 1024 * 1024;

/**
 * Replays the full output from the OutputStore, under SSM's key layout: every step of the
 * command's document, stdout and stderr, as much as was written so far. A document that cannot be
 * parsed replays the stored GetCommandInvocation content instead.
 */
export function outputStoreReplay(outputs: Pick<OutputStore, "read" | "size">): ReplaySource {
  return {
    async read(command: CommandRecord, invocation: InvocationRecord): Promise<StoredOutput[]> {
      const steps = documentSteps(command.documentContent);
      if (!steps) return invocationContentReplay.read(command, invocation);
      const bucket = command.outputS3BucketName === "" ? {} : { bucket: command.outputS3BucketName };
      const out: StoredOutput[] = [];
      for (const step of steps) {
        for (const stream of ["stdout", "stderr"] as const) {
          const key = outputKey(
            command.outputS3KeyPrefix,
            command.commandId,
            invocation.instanceId,
            step.action,
            step.name,
            stream,
          );
          const location = { ...bucket, key };
          const size = await outputs.size(location);
          if (size === 0) continue;
          const from = Math.max(0, size - MAX_REPLAY_BYTES);
          const bytes = await outputs.read(location, from, size - from);
          out.push({ step: step.name, stream, text: Buffer.from(bytes).toString("utf8"), offset: from });
        }
      }
      return out;
    },
  };
}

function documentSteps(content: string): Array<{ name: string; action: string }> | undefined {
  try {
    return parseDocument(content).steps;
  } catch (error) {
    // The command was validated when it was sent; an unreadable document only loses the full replay.
    if (error instanceof Error) return undefined;
    throw error;
  }
}
