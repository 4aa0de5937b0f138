import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { OUTPUT_CHUNK_BYTES, type OutputAckMessage } from "../../protocol/agent/messages.ts";
import { OUTPUT_STREAMS, type OutputStream, type UploadState, writeUploadState } from "./upload-state.ts";
import type { UploadTransport } from "./upload-transport.ts";

/** Unacknowledged bytes one step may have in flight. */
export const UPLOAD_WINDOW_BYTES = 1024 * 1024;
/** No frame is queued while the socket holds more than this. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Why a pump stopped: everything there is was sent, the step's window or the socket's buffer
 * is full, the connection is down, or the step's files vanished (removed by housekeeping).
 */
export type PumpResult = "idle" | "window" | "buffer" | "offline" | "gone";

/**
 * The upload of one step's stdout and stderr: sends each file from the last acknowledged offset
 * in chunks, never more than {@link UPLOAD_WINDOW_BYTES} ahead of the acks, and once the step is
 * final and every byte is acknowledged, asks the server to complete the object.
 */
export class UploadJob {
  readonly dir: string;
  readonly state: UploadState;
  readonly #sent: Record<OutputStream, number>;
  readonly #doneSent: Record<OutputStream, boolean> = { stdout: false, stderr: false };
  #dirty = false;
  #urgent = false;
  #savedAt = 0;
  #saving: Promise<void> = Promise.resolve();

  constructor(dir: string, state: UploadState) {
    this.dir = dir;
    this.state = state;
    this.#sent = { ...state.acked };
  }

  /** The server completed both objects. */
  get finished(): boolean {
    return this.state.done.stdout && this.state.done.stderr;
  }

  /** A new connection: nothing unacknowledged reached the server for sure, so resend from the acks. */
  restart(): void {
    for (const stream of OUTPUT_STREAMS) {
      this.#sent[stream] = this.state.acked[stream];
      this.#doneSent[stream] = false;
    }
  }

  /** Applies an `output-ack` for this step. */
  onAck(ack: OutputAckMessage): void {
    const s = ack.stream;
    if (ack.done) {
      if (!this.#doneSent[s]) return;
      this.state.done[s] = true;
      this.#urgent = true;
    } else if (ack.rewind) {
      this.state.acked[s] = ack.offset;
      this.#sent[s] = ack.offset;
      this.#doneSent[s] = false;
    } else {
      // An ack beyond what this process sent belongs to an earlier life of the step (a re-run).
      if (ack.offset > this.#sent[s] || ack.offset <= this.state.acked[s]) return;
      this.state.acked[s] = ack.offset;
    }
    this.#dirty = true;
  }

  /** Sends what can be sent now. */
  async pump(transport: UploadTransport): Promise<PumpResult> {
    for (const stream of OUTPUT_STREAMS) {
      if (this.state.done[stream]) continue;
      const size = await fileSize(join(this.dir, stream));
      if (size === undefined && this.state.final && this.state.acked[stream] > 0) return "gone";
      const total = size ?? 0;
      if (this.#sent[stream] < total) {
        const result = await this.#sendFile(transport, stream, total);
        if (result !== "idle") return result;
      }
      const complete = this.state.acked[stream] >= total && this.#sent[stream] >= total;
      if (this.state.final && complete && !this.#doneSent[stream]) {
        const { commandId, step, action } = this.state;
        if (!transport.send({ type: "output-done", commandId, step, action, stream, size: total })) return "offline";
        this.#doneSent[stream] = true;
      }
    }
    return "idle";
  }

  /**
   * Persists the state when it changed: at once for completions, else at most every `everyMs`
   * (a restart then resends at most that much, which the server stores idempotently). Writes
   * are chained so an older snapshot never lands after a newer one.
   */
  save(now: number, everyMs: number): Promise<void> {
    const due = this.#urgent || (this.#dirty && now - this.#savedAt >= everyMs);
    if (due) {
      this.#dirty = false;
      this.#urgent = false;
      this.#savedAt = now;
      this.#saving = this.#saving.then(() => writeUploadState(this.dir, this.state));
    }
    return this.#saving;
  }

  /** Persists the state now (the step became final, or the agent stops). */
  flush(): Promise<void> {
    this.#urgent = true;
    return this.save(Date.now(), 0);
  }

  #inFlight(): number {
    return this.#sent.stdout - this.state.acked.stdout + (this.#sent.stderr - this.state.acked.stderr);
  }

  async #sendFile(transport: UploadTransport, stream: OutputStream, total: number): Promise<PumpResult> {
    const { commandId, step, action } = this.state;
    const handle = await open(join(this.dir, stream), "r");
    try {
      const buffer = Buffer.alloc(OUTPUT_CHUNK_BYTES);
      while (this.#sent[stream] < total) {
        if (this.#inFlight() >= UPLOAD_WINDOW_BYTES) return "window";
        if (transport.bufferedAmount > MAX_BUFFERED_BYTES) return "buffer";
        const offset = this.#sent[stream];
        const { bytesRead } = await handle.read(buffer, 0, Math.min(OUTPUT_CHUNK_BYTES, total - offset), offset);
        if (bytesRead === 0) break;
        const data = buffer.subarray(0, bytesRead).toString("base64");
        if (!transport.send({ type: "output", commandId, step, action, stream, offset, data })) return "offline";
        this.#sent[stream] = offset + bytesRead;
      }
    } finally {
      await handle.close();
    }
    return "idle";
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
