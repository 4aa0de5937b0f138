import { open } from "node:fs/promises";
import { join } from "node:path";
import { isCode } from "./process-group.ts";
import { STEP_FILES } from "./step-files.ts";
import type { OutputListener } from "./types.ts";

type Stream = "stdout" | "stderr";

const CHUNK_BYTES = 64 * 1024;
/** Bytes read per stream per poll; a fast writer is caught up over several polls, memory stays bounded. */
const BYTES_PER_POLL = 1024 * 1024;

/** Follows a step's stdout/stderr files and hands new text to a listener, reading only the new bytes. */
export class OutputTail {
  readonly #stepDir: string;
  readonly #listener: OutputListener;
  readonly #intervalMs: number;
  readonly #offsets = { stdout: 0, stderr: 0 };
  readonly #decoders = { stdout: new TextDecoder("utf-8"), stderr: new TextDecoder("utf-8") };
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #error: unknown;

  constructor(stepDir: string, listener: OutputListener, intervalMs = 100) {
    this.#stepDir = stepDir;
    this.#listener = listener;
    this.#intervalMs = intervalMs;
  }

  /** Starts polling. */
  start(): void {
    this.#timer = setInterval(() => {
      if (this.#polling !== undefined || this.#error !== undefined) return;
      this.#polling = this.#pollAll(BYTES_PER_POLL)
        .catch((error: unknown) => {
          this.#error = error;
        })
        .finally(() => {
          this.#polling = undefined;
        });
    }, this.#intervalMs);
  }

  /** Stops polling and delivers everything still unread; rethrows a read or listener error seen while polling. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#polling;
    if (this.#error !== undefined) throw this.#error;
    await this.#pollAll(Number.POSITIVE_INFINITY);
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.#decoders[stream].decode();
      if (rest !== "") this.#listener(stream, rest);
    }
  }

  async #pollAll(budget: number): Promise<void> {
    await this.#poll("stdout", budget);
    await this.#poll("stderr", budget);
  }

  async #poll(stream: Stream, budget: number): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(join(this.#stepDir, STEP_FILES[stream]), "r");
    } catch (error) {
      if (isCode(error, "ENOENT")) return;
      throw error;
    }
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      let read = 0;
      while (read < budget) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.#offsets[stream]);
        if (bytesRead === 0) break;
        this.#offsets[stream] += bytesRead;
        read += bytesRead;
        const text = this.#decoders[stream].decode(buffer.subarray(0, bytesRead), { stream: true });
        if (text !== "") this.#listener(stream, text);
      }
    } finally {
      await handle.close();
    }
  }
}
