import { createPublicKey, randomBytes, verify } from "node:crypto";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import { recordResult } from "../../core/commands/record-result.ts";
import { attachedDocuments } from "../../core/documents/attached-documents.ts";
import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import { DocumentService } from "../../core/documents/document-service.ts";
import type { Bus, BusMessage } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { OutputStore } from "../../core/ports/output-store.ts";
import type { Store } from "../../core/ports/store.ts";
import {
  type AgentMessage,
  agentMessage,
  challengeText,
  parseFrame,
  type RotateKeyMessage,
  type ServerMessage,
} from "../../protocol/agent/messages.ts";
import type { AgentAudit } from "../audit/agent-auditor.ts";
import { OutputIngest } from "./output-ingest.ts";
import { refuseRotation } from "./rotation-proof.ts";
import type { SessionRegistry } from "./session-registry.ts";

/** What a session needs from the server. */
export interface SessionDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  registry: SessionRegistry;
  region: string;
  heartbeatSeconds: number;
  /** Where documents named by aws:runDocument / aws:downloadContent are found; default: the store's. */
  documents?: DocumentCatalog;
  /** The audit trail of this connection (handshakes, connect, disconnect, results). */
  audit?: AgentAudit;
  /** Where the full step output the agent uploads is stored; none = `output` frames are ignored. */
  outputs?: OutputStore;
}

const HELLO_TIMEOUT_MS = 10_000;

/**
 * One agent's WebSocket: challenge → signed hello → welcome, then deliveries, cancels and
 * results. A node only ever sees and answers its own invocations: every message is keyed by the
 * instance id proven in the handshake, never by what a frame claims.
 */
export class AgentSession {
  readonly #socket: WebSocket;
  readonly #deps: SessionDeps;
  readonly #nonce = randomBytes(32).toString("base64url");
  #instanceId: string | undefined;
  #unsubscribe: (() => void) | undefined;
  #ingest: OutputIngest | undefined;
  #helloTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #alive = true;
  #closed = false;
  /** Frames are handled one after another so results and acks keep their order. */
  #queue: Promise<void> = Promise.resolve();

  constructor(socket: WebSocket, deps: SessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      this.#queue = this.#queue.then(() => this.#onFrame(text)).catch((error: unknown) => this.#fail(error));
    });
    socket.on("close", () => {
      this.#queue = this.#queue.then(() => this.#onClose()).catch((error: unknown) => this.#fail(error));
    });
    socket.on("error", (error) => deps.log.warn({ err: error }, "agent socket error"));
    socket.on("pong", () => {
      this.#alive = true;
    });
    // A half-open connection (a NAT or load balancer dropped it silently) is noticed within two
    // heartbeat intervals: the agent answers every ping, and one unanswered ping ends the session.
    this.#pingTimer = setInterval(() => {
      if (!this.#alive) {
        socket.terminate();
        return;
      }
      this.#alive = false;
      socket.ping();
    }, deps.heartbeatSeconds * 1000);
    this.#helloTimer = setTimeout(() => this.close(4001, "no hello in time"), HELLO_TIMEOUT_MS);
    this.#send({ type: "challenge", v: 1, nonce: this.#nonce });
  }

  /** The authenticated node, once the handshake succeeded. */
  get instanceId(): string | undefined {
    return this.#instanceId;
  }

  /** Closes the socket (e.g. replaced by a newer connection, or the node was deregistered). */
  close(code: number, reason: string): void {
    if (this.#socket.readyState === this.#socket.OPEN || this.#socket.readyState === this.#socket.CONNECTING) {
      this.#socket.close(code, reason);
    }
  }

  #send(message: ServerMessage): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #fail(error: unknown): void {
    this.#deps.log.error({ err: error, instanceId: this.#instanceId }, "agent session failed");
    this.close(1011, "internal error");
  }

  async #onFrame(text: string): Promise<void> {
    const parsed = parseFrame(agentMessage, text);
    if (!parsed.ok) {
      this.#send({ type: "error", code: "InvalidMessage", message: parsed.error });
      if (!this.#instanceId) {
        this.#deps.audit?.handshakeRefused(undefined, { errorCode: "InvalidMessage", errorMessage: "invalid hello" });
        this.close(4002, "invalid hello");
      }
      return;
    }
    const message = parsed.message;
    if (!this.#instanceId) {
      if (message.type !== "hello") {
        this.#send({ type: "error", code: "NotAuthenticated", message: "send hello first" });
        this.#deps.audit?.handshakeRefused(undefined, {
          errorCode: "NotAuthenticated",
          errorMessage: "send hello first",
        });
        this.close(4002, "not authenticated");
        return;
      }
      await this.#onHello(message);
      return;
    }
    await this.#onMessage(this.#instanceId, message);
  }

  async #onHello(hello: Extract<AgentMessage, { type: "hello" }>): Promise<void> {
    const { store, clock, registry, heartbeatSeconds, log } = this.#deps;
    clearTimeout(this.#helloTimer);
    const node = await store.getNode(hello.instanceId);
    const ok =
      node !== undefined &&
      verify(
        null,
        Buffer.from(challengeText(hello.instanceId, this.#nonce)),
        createPublicKey({ key: Buffer.from(node.publicKey, "base64"), format: "der", type: "spki" }),
        Buffer.from(hello.signature, "base64"),
      );
    if (!ok) {
      log.warn({ instanceId: hello.instanceId }, "agent handshake refused");
      this.#deps.audit?.handshakeRefused(hello.instanceId, {
        errorCode: "AuthenticationFailed",
        errorMessage: "unknown node or bad signature",
      });
      this.#send({
        type: "error",
        code: "AuthenticationFailed",
        message: "unknown node or bad signature; register again",
      });
      this.close(4003, "authentication failed");
      return;
    }
    // The socket may have died while the store was read: never let a dead session replace a live one.
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    this.#instanceId = hello.instanceId;
    registry.attach(hello.instanceId, this);
    this.#unsubscribe = this.#deps.bus.subscribe(`node.${hello.instanceId}`, (m) => {
      this.#queue = this.#queue.then(() => this.#onBus(m)).catch((error: unknown) => this.#fail(error));
    });
    await store.updateNode(hello.instanceId, { ...hello.info, connected: true, lastPingAt: clock.now() });
    this.#send({ type: "welcome", instanceId: hello.instanceId, heartbeatSeconds });
    log.info({ instanceId: hello.instanceId }, "agent connected");
    this.#deps.audit?.connected(hello.instanceId);
    await this.redeliver();
  }

  /**
   * Sends what this node should have and may not: released invocations it has not acknowledged,
   * and cancels of those being cancelled (after connect, and on the periodic sweep). What the
   * agent acknowledged is in its spool, which survives restarts, so it is not sent again.
   */
  async redeliver(): Promise<void> {
    const id = this.#instanceId;
    if (!id) return;
    for (const inv of await this.#deps.store.deliverableFor(id)) {
      if (inv.status === "Cancelling") await this.#onBus({ kind: "cancel", commandId: inv.commandId, instanceId: id });
      else if (inv.deliveredAt === undefined)
        await this.#onBus({ kind: "deliver", commandId: inv.commandId, instanceId: id });
    }
  }

  async #onBus(message: BusMessage): Promise<void> {
    const id = this.#instanceId;
    if (!id || this.#closed) return;
    if (message.kind === "disconnect") {
      this.close(4004, "node deregistered");
    } else if (message.kind === "cancel") {
      this.#send({ type: "cancel", commandId: message.commandId });
    } else if (message.kind === "deliver") {
      const { store } = this.#deps;
      const inv = await store.getInvocation(message.commandId, id);
      if (inv?.status !== "InProgress") return;
      const command = await store.getCommand(message.commandId);
      if (!command) return;
      // Nested documents travel with the invocation: the agent never asks the server for them.
      const documents = await attachedDocuments(this.#catalog(), command.documentContent, command.typedParameters);
      this.#send({
        type: "invoke",
        commandId: command.commandId,
        documentName: command.documentName,
        documentContent: command.documentContent,
        parameters: command.typedParameters,
        requestedAt: command.requestedAt,
        region: this.#deps.region,
        ...(Object.keys(documents).length > 0 ? { documents } : {}),
      });
    }
  }

  #catalog(): DocumentCatalog {
    const { documents, store, clock } = this.#deps;
    // Resolving reads documents only; the account id matters to creating them.
    return documents ?? new DocumentService({ store, clock, accountId: "" });
  }

  async #onMessage(instanceId: string, message: AgentMessage): Promise<void> {
    const { store, clock, bus } = this.#deps;
    const now = clock.now();
    switch (message.type) {
      case "hello":
        this.#send({ type: "error", code: "AlreadyAuthenticated", message: "hello was already accepted" });
        return;
      case "heartbeat":
        await store.updateNode(instanceId, { ...(message.info ?? {}), connected: true, lastPingAt: now });
        return;
      case "ack": {
        // An acknowledgement widens the ramp-up: the scheduler may release more.
        const patch = { deliveredAt: now, updatedAt: now };
        if (await store.updateInvocation(message.commandId, instanceId, patch, { unlessTerminal: true })) {
          await bus.publish("scheduler", { kind: "command-changed", commandId: message.commandId });
        }
        return;
      }
      case "started":
        await store.updateInvocation(
          message.commandId,
          instanceId,
          { deliveredAt: now, startedAt: message.startedAt, updatedAt: now },
          { unlessTerminal: true },
        );
        return;
      case "result": {
        const inv = await store.getInvocation(message.commandId, instanceId);
        if (inv?.releasedAt === undefined) {
          this.#deps.log.warn(
            { instanceId, commandId: message.commandId },
            "result for an invocation this node does not have",
          );
          this.#deps.audit?.result(instanceId, message, {
            errorCode: "InvocationDoesNotExist",
            errorMessage: "result for an invocation this node does not have",
          });
        } else {
          await recordResult({ store, bus, clock }, instanceId, message);
          this.#deps.audit?.result(instanceId, message);
        }
        this.#send({ type: "result-ack", commandId: message.commandId });
        return;
      }
      case "rotate-key":
        await this.#rotateKey(instanceId, message);
        return;
      case "output":
        await this.#outputs(instanceId)?.chunk(message);
        return;
      case "output-done":
        await this.#outputs(instanceId)?.done(message);
        return;
    }
  }

  #outputs(instanceId: string): OutputIngest | undefined {
    const { store, bus, log, audit, outputs } = this.#deps;
    if (outputs === undefined) return undefined;
    this.#ingest ??= new OutputIngest({ store, bus, outputs, log, audit }, instanceId, (m) => this.#send(m));
    return this.#ingest;
  }

  /**
   * The node replaces its key. The new key must sign the rotation text, so a node cannot switch
   * to a key it does not hold. Once stored, the old key is refused: other sessions of the node,
   * which proved only the old key, are closed (their agent redials with the new one).
   */
  async #rotateKey(instanceId: string, message: RotateKeyMessage): Promise<void> {
    const { store, registry, log, audit } = this.#deps;
    const refusal = refuseRotation(instanceId, message);
    if (refusal) {
      audit?.keyRotated(instanceId, message.newPublicKey, { errorCode: "InvalidKeyRotation", errorMessage: refusal });
      this.#send({ type: "error", code: "InvalidKeyRotation", message: refusal });
      return;
    }
    if (!(await store.updateNode(instanceId, { publicKey: message.newPublicKey }))) {
      this.close(4004, "node deregistered");
      return;
    }
    audit?.keyRotated(instanceId, message.newPublicKey);
    log.info({ instanceId }, "agent key rotated");
    this.#send({ type: "key-rotated", instanceId });
    for (const other of registry.all()) {
      if (other !== this && other.instanceId === instanceId) other.close(4005, "node key rotated");
    }
  }

  async #onClose(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#helloTimer);
    clearInterval(this.#pingTimer);
    this.#unsubscribe?.();
    const id = this.#instanceId;
    if (id && this.#deps.registry.detach(id, this)) {
      await this.#deps.store.updateNode(id, { connected: false });
      this.#deps.log.info({ instanceId: id }, "agent disconnected");
      this.#deps.audit?.disconnected(id);
    }
  }
}
