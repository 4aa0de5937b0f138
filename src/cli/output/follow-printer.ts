import { LineSplitter } from "../../server/logs/line-splitter.ts";

/** Where printed lines go. */
export interface LineSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `text` with every line prefixed `<instanceId>: ` (a missing final line end is added). */
export function prefixLines(instanceId: string, text: string): string {
  if (text === "") return "";
  const lines = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  return lines.map((line) => `${instanceId}: ${line.replace(/\r$/, "")}\n`).join("");
}

/**
 * Prints live output of many nodes interleaved, one whole line at a time with a node prefix:
 * each node's step stream is line-buffered on its own, so a partial line of one node is never
 * mixed with another's. stdout lines go to stdout, stderr lines to stderr.
 */
export class FollowPrinter {
  readonly #sink: LineSink;
  readonly #streams = new Map<string, { instanceId: string; stream: "stdout" | "stderr"; lines: LineSplitter }>();

  constructor(sink: LineSink) {
    this.#sink = sink;
  }

  /** Takes a chunk of one node's step stream and prints the lines it completes. */
  output(instanceId: string, step: string, stream: "stdout" | "stderr", text: string): void {
    const key = `${instanceId}\u0000${step}\u0000${stream}`;
    let state = this.#streams.get(key);
    if (!state) {
      state = { instanceId, stream, lines: new LineSplitter() };
      this.#streams.set(key, state);
    }
    const lines = state.lines.push(text);
    if (lines.length > 0) this.#print(stream, lines.map((line) => `${instanceId}: ${line}\n`).join(""));
  }

  /** Prints the unfinished last lines (the command ended). */
  flush(): void {
    for (const { instanceId, stream, lines } of this.#streams.values()) {
      const rest = lines.flush();
      if (rest !== undefined) this.#print(stream, `${instanceId}: ${rest}\n`);
    }
  }

  #print(stream: "stdout" | "stderr", text: string): void {
    if (stream === "stdout") this.#sink.stdout(text);
    else this.#sink.stderr(text);
  }
}
