import { sseComment, sseEvent } from "./sse.ts";

/** The part of a socket (node's `ServerResponse`) a channel writes to. */
export interface SseSink {
  write(chunk: string): boolean;
  /** Bytes queued but not yet handed to the kernel. */
  readonly writableLength: number;
  end(chunk?: string): void;
  destroy(): void;
  once(event: "close", listener: () => void): unknown;
}

/** Limits of one watcher. */
export interface ChannelOptions {
  /** Queued bytes beyond which the watcher is too slow and is dropped. */
  maxBufferedBytes: number;
  /** Interval of heartbeat comments (keeps proxies from closing an idle stream). */
  heartbeatMs: number;
  /** How long a dropped or finished watcher may take to read its last frame before its socket is cut. */
  lingerMs?: number;
}

/**
 * One watcher's event stream. Writes never wait: the socket queues them, and a watcher whose
 * queue passes `maxBufferedBytes` is dropped with an `error` event, so a slow reader never holds
 * up the bus, the server or the other watchers. Owns its heartbeat timer; `closed` settles once,
 * whether the server ended the stream or the watcher went away.
 */
export class WatcherChannel {
  readonly #sink: SseSink;
  readonly #options: ChannelOptions;
  readonly #heartbeat: NodeJS.Timeout;
  #linger: NodeJS.Timeout | undefined;
  #open = true;
  readonly #closeHandlers: Array<() => void> = [];
  /** Resolves when the socket is gone. */
  readonly closed: Promise<void>;

  constructor(sink: SseSink, options: ChannelOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#heartbeat = setInterval(() => this.#write(sseComment("heartbeat")), options.heartbeatMs);
    this.closed = new Promise((resolve) => {
      sink.once("close", () => {
        this.#stop();
        resolve();
      });
    });
  }

  /** Whether events are still accepted. */
  get open(): boolean {
    return this.#open;
  }

  /** Runs `handler` once when the stream stops (ended, dropped or gone). */
  onStop(handler: () => void): void {
    if (this.#open) this.#closeHandlers.push(handler);
    else handler();
  }

  /** Sends one event; returns false when the channel is closed (or just got dropped as too slow). */
  send(name: string, data: unknown): boolean {
    return this.#write(sseEvent(name, data));
  }

  /** Sends a last event and ends the stream. */
  finish(name: string, data: unknown): void {
    if (!this.#open) return;
    const frame = sseEvent(name, data);
    this.#stop();
    this.#sink.end(frame);
    this.#cutAfterLinger();
  }

  #write(frame: string): boolean {
    if (!this.#open) return false;
    if (this.#sink.writableLength + frame.length > this.#options.maxBufferedBytes) {
      this.finish("error", {
        code: "SlowConsumer",
        message: `the watcher fell more than ${this.#options.maxBufferedBytes} bytes behind and was dropped`,
      });
      return false;
    }
    this.#sink.write(frame);
    return true;
  }

  #stop(): void {
    if (!this.#open) return;
    this.#open = false;
    clearInterval(this.#heartbeat);
    for (const handler of this.#closeHandlers.splice(0)) handler();
  }

  #cutAfterLinger(): void {
    this.#linger = setTimeout(() => this.#sink.destroy(), this.#options.lingerMs ?? 5_000);
    this.#linger.unref();
    void this.closed.then(() => clearTimeout(this.#linger));
  }
}
