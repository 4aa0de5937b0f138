/**
 * Cuts a stream of text chunks into whole lines: a line is only given out once its line end
 * has arrived, so lines of different streams can be interleaved without mixing. `\n` and `\r\n`
 * end a line (the line end is not part of it).
 */
export class LineSplitter {
  #partial = "";

  /** The lines `text` completes, in order. */
  push(text: string): string[] {
    return this.pushRaw(text).map(stripLineEnd);
  }

  /** The lines `text` completes, each with its line end. */
  pushRaw(text: string): string[] {
    const parts = (this.#partial + text).split("\n");
    this.#partial = parts.pop() ?? "";
    return parts.map((line) => `${line}\n`);
  }

  /** Whether an unfinished line is held. */
  get pending(): boolean {
    return this.#partial !== "";
  }

  /** Gives out the unfinished line (the stream ended without a final line end), if any. */
  flush(): string | undefined {
    const rest = this.#partial;
    this.#partial = "";
    return rest === "" ? undefined : rest;
  }
}

/** A line without its `\n` or `\r\n`. */
export function stripLineEnd(line: string): string {
  return line.replace(/\r?\n$/, "");
}
