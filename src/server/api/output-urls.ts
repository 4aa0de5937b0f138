import type { CommandRecord, PluginResult } from "../../core/model.ts";
import { type OutputStore, outputKey } from "../../core/ports/output-store.ts";
import { parseDocument } from "../../protocol/document/index.ts";

/** StandardOutputUrl and StandardErrorUrl of one step ("" when it has none). */
export interface StreamUrls {
  stdout: string;
  stderr: string;
}

/** The URLs of one step of one node's invocation. */
export type OutputUrls = (instanceId: string, plugin: PluginResult | undefined) => StreamUrls;

const NONE: StreamUrls = { stdout: "", stderr: "" };

/**
 * Where the full output of a command's steps is stored, as the API reports it: a URL for each
 * stream the step wrote (its reported output is not empty), under SSM's key layout in the
 * command's bucket (or the server's own store).
 */
export function outputUrls(outputs: OutputStore | undefined, command: CommandRecord | undefined): OutputUrls {
  if (outputs === undefined || command === undefined) return () => NONE;
  const bucket = command.outputS3BucketName;
  let stepIds: ReadonlyMap<string, string> | undefined;
  return (instanceId, plugin) => {
    if (plugin === undefined || plugin.action === "") return NONE;
    stepIds ??= schema12StepIds(command.documentContent);
    // Schema 1.2 reports a step by its plugin name, but its key uses the step id (`0.aws:runShellScript`).
    const step = stepIds.get(plugin.name) ?? plugin.name;
    const url = (stream: "stdout" | "stderr", reported: string): string => {
      if (reported === "") return "";
      const key = outputKey(command.outputS3KeyPrefix, command.commandId, instanceId, plugin.action, step, stream);
      return outputs.url(bucket === "" ? { key } : { bucket, key });
    };
    return { stdout: url("stdout", plugin.stdout), stderr: url("stderr", plugin.stderr) };
  };
}

/** Plugin name → step id of a schema 1.2 document; empty for other schemas. */
function schema12StepIds(content: string): ReadonlyMap<string, string> {
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(content);
  } catch {
    // A command's document was valid when it was sent; an unreadable one names steps as reported.
    return new Map();
  }
  if (!doc.schemaVersion.startsWith("1.")) return new Map();
  return new Map(doc.steps.map((s) => [s.action, s.name]));
}
