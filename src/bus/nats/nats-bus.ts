import { connect, JSONCodec, type NatsConnection } from "nats";
import type { Bus, BusMessage, Subject } from "../../core/ports/bus.ts";

/** How a NatsBus connects and where it reports what it cannot hand to a caller. */
export interface NatsBusOptions {
  /** `nats://host:port` (a comma-separated list names several servers of one cluster). */
  url: string;
  /** Connection name shown by the NATS server's monitoring. */
  name?: string;
  /** Wait between reconnect attempts; the client keeps trying forever. */
  reconnectTimeWaitMs?: number;
  /** Undecodable messages, handler failures and subscription errors (nothing to return them to). */
  onError?: (error: Error) => void;
}

const codec = JSONCodec<unknown>();

/**
 * The bus of several server replicas: subjects map 1:1 to NATS subjects, messages are JSON.
 * Fire-and-forget (core NATS, no JetStream): the client reconnects on its own, forever. A publish
 * while the connection is down does not fail, but nats.js drops what it buffered when it redials,
 * so such a signal is lost; the store sweeps and session redelivery re-drive that work.
 */
export class NatsBus implements Bus {
  readonly #nc: NatsConnection;
  readonly #onError: (error: Error) => void;
  #closed = false;

  private constructor(nc: NatsConnection, onError: (error: Error) => void) {
    this.#nc = nc;
    this.#onError = onError;
  }

  /** Connects to NATS; fails when no server answers now (reconnects later are the client's job). */
  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const servers = options.url.split(",").map((s) => s.trim());
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers,
        name: options.name ?? "fleetrun-server",
        maxReconnectAttempts: -1,
        reconnectTimeWait: options.reconnectTimeWaitMs ?? 2000,
      });
    } catch (error) {
      throw new Error(`cannot connect to the NATS bus at ${options.url}: ${String(error)}`, { cause: error });
    }
    return new NatsBus(nc, options.onError ?? ((error) => process.emitWarning(error)));
  }

  async publish(subject: Subject, message: BusMessage): Promise<void> {
    // After close a late signal is dropped, as on the memory bus; the store still holds the truth.
    if (this.#closed) return;
    this.#nc.publish(subject, codec.encode(message));
  }

  subscribe(subject: Subject, handler: (message: BusMessage) => void): () => void {
    const sub = this.#nc.subscribe(subject, {
      callback: (error, msg) => {
        if (this.#closed) return;
        if (error) {
          this.#onError(new Error(`NATS subscription to ${subject} failed: ${error.message}`, { cause: error }));
          return;
        }
        const message = decode(msg.data);
        if (message instanceof Error) {
          this.#onError(new Error(`dropped a malformed message on ${subject}: ${message.message}`));
          return;
        }
        // A throwing handler must not break the client's read loop (it runs inside it).
        try {
          handler(message);
        } catch (failure) {
          this.#onError(failure instanceof Error ? failure : new Error(String(failure)));
        }
      },
    });
    return () => {
      if (!this.#closed && !sub.isClosed()) sub.unsubscribe();
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#nc.close();
  }
}

/** Bytes from the wire → a BusMessage, or the reason it is not one (parse at the edge). */
function decode(data: Uint8Array): BusMessage | Error {
  let value: unknown;
  try {
    value = codec.decode(data);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  if (typeof value !== "object" || value === null || typeof (value as { kind?: unknown }).kind !== "string") {
    return new Error("not an object with a string kind");
  }
  // Only fleetrun replicas publish on these subjects; the kind tag is the shape check we need.
  return value as BusMessage;
}
