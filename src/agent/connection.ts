import { createPrivateKey, sign } from "node:crypto";
import type { Logger } from "pino";
import WebSocket from "ws";
import {
  type AgentMessage,
  challengeText,
  parseFrame,
  type ServerMessage,
  serverMessage,
} from "../protocol/agent/messages.ts";
import { Backoff } from "./backoff.ts";
import type { AgentIdentity } from "./identity.ts";
import { platformInfo } from "./platform-info.ts";

/** What the connection tells its owner. */
export interface ConnectionHandler {
  /** Handshake done: the server accepted our key. */
  onReady(): void;
  onMessage(message: ServerMessage): void;
  /** The server refused our identity (deregistered or unknown): retrying is pointless. */
  onRejected(reason: string): void;
}

/**
 * The agent's one outbound WebSocket: signed challenge handshake, heartbeats, and reconnects
 * with exponential backoff and jitter until stopped.
 */
export class Connection {
  readonly #identity: AgentIdentity;
  readonly #handler: ConnectionHandler;
  readonly #log: Logger;
  readonly #backoff = new Backoff();
  #socket: WebSocket | undefined;
  #ready = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #heartbeatSeconds = 20;

  constructor(identity: AgentIdentity, handler: ConnectionHandler, log: Logger) {
    this.#identity = identity;
    this.#handler = handler;
    this.#log = log;
  }

  start(): void {
    this.#connect();
  }

  /** Sends when connected; returns false otherwise (the spool keeps what matters). */
  send(message: AgentMessage): boolean {
    if (!this.#ready || this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  get ready(): boolean {
    return this.#ready;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    clearInterval(this.#heartbeat);
    clearTimeout(this.#watchdog);
    this.#socket?.close(1000, "agent stopping");
  }

  #connect(): void {
    if (this.#stopped) return;
    const url = new URL("/agent/v1/connect", this.#identity.server);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: 8 * 1024 * 1024 });
    this.#socket = socket;
    socket.on("message", (data) => this.#onFrame(data.toString()));
    socket.on("ping", () => this.#feedWatchdog(socket));
    socket.on("error", (error) => this.#log.debug({ err: error }, "connection error"));
    socket.on("close", (code, reason) => {
      this.#ready = false;
      clearInterval(this.#heartbeat);
      clearTimeout(this.#watchdog);
      if (this.#stopped) return;
      if (code === 4003 || code === 4004) {
        this.#handler.onRejected(reason.toString() || "rejected by the server");
        return;
      }
      const delay = this.#backoff.next();
      this.#log.info({ code, delayMs: delay }, "disconnected; reconnecting");
      this.#retry = setTimeout(() => this.#connect(), delay);
    });
  }

  /**
   * The server pings every heartbeat interval; silence for three intervals means the connection
   * is dead even if TCP has not noticed (a half-open connection), so it is dropped and redialled.
   */
  #feedWatchdog(socket: WebSocket): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      this.#log.warn("no ping from the server; reconnecting");
      socket.terminate();
    }, this.#heartbeatSeconds * 3000);
  }

  #onFrame(text: string): void {
    const parsed = parseFrame(serverMessage, text);
    if (!parsed.ok) {
      this.#log.warn({ error: parsed.error }, "ignoring an invalid frame from the server");
      return;
    }
    const message = parsed.message;
    if (message.type === "challenge") {
      const key = createPrivateKey(this.#identity.privateKey);
      const signature = sign(null, Buffer.from(challengeText(this.#identity.instanceId, message.nonce)), key).toString(
        "base64",
      );
      this.#socket?.send(
        JSON.stringify({
          type: "hello",
          v: 1,
          instanceId: this.#identity.instanceId,
          signature,
          info: platformInfo(),
        } satisfies AgentMessage),
      );
      return;
    }
    if (message.type === "welcome") {
      this.#ready = true;
      this.#backoff.reset();
      clearInterval(this.#heartbeat);
      this.#heartbeatSeconds = message.heartbeatSeconds;
      this.#heartbeat = setInterval(() => this.send({ type: "heartbeat" }), message.heartbeatSeconds * 1000);
      if (this.#socket) this.#feedWatchdog(this.#socket);
      this.#log.info({ instanceId: message.instanceId }, "connected");
      this.#handler.onReady();
      return;
    }
    if (message.type === "error") this.#log.warn({ code: message.code }, message.message);
    this.#handler.onMessage(message);
  }
}
