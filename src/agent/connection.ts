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
import {
  type AgentIdentity,
  loadIdentity,
  loadPendingIdentity,
  type NodeKeys,
  promotePendingIdentity,
} from "./identity.ts";
import { platformInfo } from "./platform-info.ts";
import { checkServerUrl, type ServerTrust } from "./tls/server-trust.ts";
import { describeTrustFailure, TrustingAgent } from "./tls/trusting-agent.ts";

/** What the connection tells its owner. */
export interface ConnectionHandler {
  /** Handshake done: the server accepted our key. */
  onReady(): void;
  onMessage(message: ServerMessage): void;
  /** The server refused our identity (deregistered or unknown): retrying is pointless. */
  onRejected(reason: string): void;
}

/** The signed answer to a challenge: proves the node holds `keys` for `instanceId`. */
export function signedHello(instanceId: string, keys: NodeKeys, nonce: string): AgentMessage {
  const signature = sign(null, Buffer.from(challengeText(instanceId, nonce)), createPrivateKey(keys.privateKey));
  return { type: "hello", v: 1, instanceId, signature: signature.toString("base64"), info: platformInfo() };
}

/** Opens the agent WebSocket to `server` under `trust` (wss verified as the trust says). */
export function openAgentSocket(server: string, trust: ServerTrust): WebSocket {
  const url = new URL("/agent/v1/connect", checkServerUrl(server, trust));
  const secure = url.protocol === "https:";
  url.protocol = secure ? "wss:" : "ws:";
  return new WebSocket(url, {
    handshakeTimeout: 10_000,
    maxPayload: 8 * 1024 * 1024,
    ...(secure ? { agent: new TrustingAgent(trust) } : {}),
  });
}

/**
 * The agent's one outbound WebSocket: signed challenge handshake, heartbeats, and reconnects
 * with exponential backoff and jitter until stopped. Each dial signs with the key in the state
 * dir, so a rotation by `fleetrun agent rotate-key` is picked up; when that key is refused and an
 * unfinished rotation left a new key (identity.json.new), the new key is tried and, once
 * accepted, saved as the identity.
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
  /** The key the current dial signs with. */
  #keys: NodeKeys;
  /** The pending key of an unfinished rotation, being tried after the stored key was refused. */
  #trying: NodeKeys | undefined;

  constructor(identity: AgentIdentity, handler: ConnectionHandler, log: Logger) {
    this.#identity = identity;
    this.#handler = handler;
    this.#log = log;
    this.#keys = { privateKey: identity.privateKey, publicKey: identity.publicKey };
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

  /** Bytes queued on the socket, not yet sent (output uploads wait while it is large). */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    clearInterval(this.#heartbeat);
    clearTimeout(this.#watchdog);
    this.#socket?.close(1000, "agent stopping");
  }

  #connect(): void {
    this.#dial().catch((error: unknown) => {
      this.#log.error({ err: error }, "cannot connect");
      this.#reconnect(undefined);
    });
  }

  async #dial(): Promise<void> {
    if (this.#stopped) return;
    this.#keys = this.#trying ?? (await this.#storedKeys());
    if (this.#stopped) return;
    let socket: WebSocket;
    try {
      socket = openAgentSocket(this.#identity.server, this.#identity);
    } catch (error) {
      this.#handler.onRejected((error as Error).message);
      return;
    }
    this.#socket = socket;
    socket.on("message", (data) => this.#onFrame(data.toString()));
    socket.on("ping", () => this.#feedWatchdog(socket));
    socket.on("error", (error) => {
      const trust = describeTrustFailure(error, this.#identity.server, this.#identity);
      if (trust) this.#log.error(trust);
      else this.#log.debug({ err: error }, "connection error");
    });
    socket.on("close", (code, reason) => {
      this.#ready = false;
      clearInterval(this.#heartbeat);
      clearTimeout(this.#watchdog);
      if (this.#stopped) return;
      if (code === 4003) {
        this.#onRefused(reason.toString()).catch((error: unknown) => {
          this.#log.error({ err: error }, "cannot read the pending key");
          this.#handler.onRejected(reason.toString() || "rejected by the server");
        });
        return;
      }
      if (code === 4004) {
        this.#handler.onRejected(reason.toString() || "rejected by the server");
        return;
      }
      this.#reconnect(code);
    });
  }

  #reconnect(code: number | undefined): void {
    if (this.#stopped) return;
    const delay = this.#backoff.next();
    this.#log.info({ code, delayMs: delay }, "disconnected; reconnecting");
    this.#retry = setTimeout(() => this.#connect(), delay);
  }

  /** The key in identity.json now (it changes when the key is rotated); the one given without a state dir. */
  async #storedKeys(): Promise<NodeKeys> {
    const dir = this.#identity.stateDir;
    const stored = dir ? await loadIdentity(dir) : undefined;
    const source = stored?.instanceId === this.#identity.instanceId ? stored : this.#identity;
    return { privateKey: source.privateKey, publicKey: source.publicKey };
  }

  /** Authentication failed: try the key of an unfinished rotation once, else give up. */
  async #onRefused(reason: string): Promise<void> {
    const dir = this.#identity.stateDir;
    const pending = !this.#trying && dir ? await loadPendingIdentity(dir) : undefined;
    if (pending?.instanceId === this.#identity.instanceId && pending.publicKey !== this.#keys.publicKey) {
      this.#log.warn("the server refused the stored key; trying the key of an unfinished rotation");
      this.#trying = { privateKey: pending.privateKey, publicKey: pending.publicKey };
      this.#connect();
      return;
    }
    this.#trying = undefined;
    this.#handler.onRejected(reason || "rejected by the server");
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
      this.#socket?.send(JSON.stringify(signedHello(this.#identity.instanceId, this.#keys, message.nonce)));
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
      if (this.#trying) this.#finishRotation();
      this.#handler.onReady();
      return;
    }
    if (message.type === "error") this.#log.warn({ code: message.code }, message.message);
    this.#handler.onMessage(message);
  }

  /** The pending key was accepted: the rotation had reached the server, so it becomes the identity. */
  #finishRotation(): void {
    this.#trying = undefined;
    const dir = this.#identity.stateDir;
    if (!dir) return;
    promotePendingIdentity(dir)
      .then((done) => done && this.#log.warn("completed an interrupted key rotation: identity.json holds the new key"))
      .catch((error: unknown) => this.#log.error({ err: error }, "cannot save the rotated key"));
  }
}
