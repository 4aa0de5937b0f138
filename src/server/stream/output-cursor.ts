/**
 * How far each step stream of a command has been sent to one watcher, in bytes. Output chunks
 * carry their byte offset in the step's stream; a chunk sent again after an agent reconnect, or
 * already covered by the replay, is cut to the part not yet sent (or dropped).
 */
export class OutputCursor {
  readonly #sent = new Map<string, number>();

  /** Marks `text` at `offset` as sent; returns the part of it that is new ("" when none). */
  advance(streamKey: string, offset: number, text: string): string {
    const sent = this.#sent.get(streamKey) ?? 0;
    const bytes = Buffer.from(text, "utf8");
    const end = offset + bytes.length;
    if (end <= sent) return "";
    this.#sent.set(streamKey, end);
    // A gap (offset past what was sent) cannot be filled here: what arrives is sent as is.
    return offset >= sent ? text : bytes.subarray(sent - offset).toString("utf8");
  }
}

/** The cursor key of one step stream of one node. */
export function streamKey(instanceId: string, step: string, stream: "stdout" | "stderr"): string {
  return `${instanceId}\u0000${step}\u0000${stream}`;
}
