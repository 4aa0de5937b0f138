import { type ProgressCounts, renderProgress } from "../format/progress.ts";

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A non-TTY gets a line when the counts change, and at least this often otherwise. */
const PLAIN_INTERVAL_MS = 10_000;

/**
 * Shows `send-command --wait` progress: on a terminal one line redrawn in place; elsewhere (a
 * pipe, a CI log) a plain line whenever the counts change and every 10 s while they do not.
 */
export class ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #started = Date.now();
  #lastLine = "";
  #lastCounts = "";
  #lastPlainAt = 0;

  constructor(stream: ProgressStream) {
    this.#stream = stream;
  }

  /** Shows the latest counts. */
  update(counts: ProgressCounts): void {
    const now = Date.now();
    const width = Math.max(10, Math.min(30, (this.#stream.columns ?? 80) - 60));
    const line = renderProgress(counts, now - this.#started, width);
    if (this.#stream.isTTY) {
      this.#stream.write(`\r\x1b[2K${line}`);
      this.#lastLine = line;
      return;
    }
    const key = JSON.stringify(counts);
    if (key === this.#lastCounts && now - this.#lastPlainAt < PLAIN_INTERVAL_MS) return;
    this.#stream.write(`${line}\n`);
    this.#lastCounts = key;
    this.#lastPlainAt = now;
  }

  /** Ends the in-place line so what follows starts on a fresh line. */
  finish(): void {
    if (this.#stream.isTTY && this.#lastLine) this.#stream.write("\n");
  }
}
