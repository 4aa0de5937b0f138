/**
 * Server-Sent Events framing (the WHATWG `text/event-stream` format): one event is `event:` and
 * one `data:` line per line of its payload, ended by a blank line; a line starting with `:` is a
 * comment clients ignore (heartbeats).
 */

/** One named event carrying `data` as JSON. JSON never contains a raw newline, so it is one `data:` line. */
export function sseEvent(name: string, data: unknown): string {
  if (/[\r\n]/.test(name)) throw new TypeError("an SSE event name cannot contain a line break");
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line (heartbeat); line breaks in `text` are replaced so it stays one comment. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, " ")}\n\n`;
}

/** A parsed event: its name (`message` when the frame names none) and its data lines joined by `\n`. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental SSE parser: feed text as it arrives, get the complete events it closes. Handles
 * `\n`, `\r\n` and `\r` line ends, comments, multi-line data and frames split anywhere.
 */
export class SseParser {
  #buffer = "";
  #event = "";
  #data: string[] = [];

  /** Parses `chunk` and returns the events it completes, in order. */
  push(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone trailing `\r` may be the first half of `\r\n`: wait for the next chunk.
      if (!match || (match[0] === "\r" && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      if (line === "") {
        if (this.#data.length > 0) out.push({ event: this.#event || "message", data: this.#data.join("\n") });
        this.#event = "";
        this.#data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") this.#event = value;
      else if (field === "data") this.#data.push(value);
    }
    return out;
  }
}
