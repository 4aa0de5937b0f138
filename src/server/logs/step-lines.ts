import { OutputCursor } from "../stream/output-cursor.ts";
import { LineSplitter, stripLineEnd } from "./line-splitter.ts";

/** A whole line of a step stream, with the byte offset where it starts. */
export interface OffsetLine {
  offset: number;
  text: string;
}

/**
 * The lines of one step stream as its chunks arrive: repeated bytes are dropped, each line is
 * given out once it is complete, with its byte offset (the key that makes stored lines idempotent).
 */
export class StepLines {
  readonly #cursor = new OutputCursor();
  readonly #lines = new LineSplitter();
  #start = -1;
  /** When the last chunk arrived (ms). */
  lastActivity = 0;

  /** Complete lines `text` (at byte `offset`) finishes. */
  push(offset: number, text: string, now: number): OffsetLine[] {
    this.lastActivity = now;
    const fresh = this.#cursor.advance("", offset, text);
    if (fresh === "") return [];
    const freshAt = offset + Buffer.byteLength(text) - Buffer.byteLength(fresh);
    if (this.#start < 0 || !this.#lines.pending) this.#start = freshAt;
    const out: OffsetLine[] = [];
    for (const raw of this.#lines.pushRaw(fresh)) {
      out.push({ offset: this.#start, text: stripLineEnd(raw) });
      this.#start += Buffer.byteLength(raw);
    }
    return out;
  }

  /** Whether an unfinished line is held. */
  get pending(): boolean {
    return this.#lines.pending;
  }

  /** The unfinished line, given out as it is (the step ended, or went quiet). */
  flush(): OffsetLine | undefined {
    const offset = this.#start;
    const text = this.#lines.flush();
    if (text === undefined) return undefined;
    this.#start = offset + Buffer.byteLength(text);
    return { offset, text };
  }
}
