import type { CommandRecord } from "../../core/model.ts";
import type { BusMessage } from "../../core/ports/bus.ts";
import { parseDocument } from "../../protocol/document/index.ts";
import { logGroupName, logStreamName } from "./log-names.ts";
import { type OffsetLine, StepLines } from "./step-lines.ts";

/** Lines ready for one log stream. */
export interface StreamBatch {
  stream: string;
  lines: OffsetLine[];
}

/** The log streams of one running command: its group, and the lines of each step stream. */
export class CommandLogs {
  readonly group: string;
  readonly #commandId: string;
  readonly #steps = new Map<string, StepLines>();
  readonly #stepIds: ReadonlyMap<string, string>;
  /** Set once the command was seen ended (it is closed on the next sweep). */
  ending = false;

  constructor(command: CommandRecord) {
    this.#commandId = command.commandId;
    this.group = logGroupName(command.cloudWatchOutputConfig, command.documentName);
    this.#stepIds = stepIds(command.documentContent);
  }

  /** The complete lines one output chunk finishes. */
  push(message: Extract<BusMessage, { kind: "output" }>, now: number): StreamBatch[] {
    const step = this.#stepIds.get(message.step) ?? message.step;
    const stream = logStreamName(this.#commandId, message.instanceId, step, message.stream);
    let lines = this.#steps.get(stream);
    if (!lines) {
      lines = new StepLines();
      this.#steps.set(stream, lines);
    }
    return [{ stream, lines: lines.push(message.offset, message.text, now) }];
  }

  /** Unfinished lines of streams quiet since `before`. */
  flushIdle(before: number): StreamBatch[] {
    return this.#flush((lines) => lines.lastActivity <= before);
  }

  /** Every unfinished line (the command ended). */
  flushAll(): StreamBatch[] {
    return this.#flush(() => true);
  }

  #flush(which: (lines: StepLines) => boolean): StreamBatch[] {
    const out: StreamBatch[] = [];
    for (const [stream, lines] of this.#steps) {
      if (!lines.pending || !which(lines)) continue;
      const last = lines.flush();
      if (last) out.push({ stream, lines: [last] });
    }
    return out;
  }
}

/**
 * The step id each step's streams are named after: the step name (schema 2.x), or the plugin for
 * schema 1.2, whose steps are ids like `0.aws:runShellScript` (AWS-RunShellScript logs to
 * `…/aws-runShellScript/stdout`).
 */
function stepIds(content: string): Map<string, string> {
  try {
    const doc = parseDocument(content);
    return new Map(doc.steps.map((s) => [s.name, doc.schemaVersion === "1.2" ? s.action : s.name]));
  } catch (error) {
    // The command was validated when sent; an unreadable document only leaves step names as they are.
    if (error instanceof Error) return new Map();
    throw error;
  }
}
