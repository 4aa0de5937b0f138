import { createPrivateKey, sign } from "node:crypto";
import { resolve } from "node:path";
import type WebSocket from "ws";
import {
  type AgentMessage,
  parseFrame,
  rotationText,
  type ServerMessage,
  serverMessage,
} from "../protocol/agent/messages.ts";
import { openAgentSocket, signedHello } from "./connection.ts";
import {
  type AgentIdentity,
  discardPendingIdentity,
  generateNodeKeys,
  loadIdentity,
  loadPendingIdentity,
  type NodeKeys,
  promotePendingIdentity,
  savePendingIdentity,
} from "./identity.ts";
import { describeTrustFailure } from "./tls/trusting-agent.ts";

/** How a rotation ended. */
export interface RotationOutcome {
  instanceId: string;
  /** The node's public key now (SPKI DER, base64). */
  publicKey: string;
  /** The server had already taken the key of an earlier, interrupted rotation: it was only saved. */
  resumed: boolean;
}

/** The server refused the session's key (close 4003) or the node is gone (4004). */
class Refused extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason || "refused by the server");
  }
}

const ATTEMPTS = 3;

/**
 * `fleetrun agent rotate-key`: replaces the node's Ed25519 key. The new key is first written to
 * identity.json.new, then sent in a `rotate-key` frame over a session authenticated with the
 * current key; identity.json is replaced (atomically) only once the server answered
 * `key-rotated`. A crash in between never locks the node out: the agent, and this command run
 * again, try the pending key when the current one is refused, and keep it once it is accepted.
 */
export async function rotateKey(stateDir: string, timeoutMs = 20_000): Promise<RotationOutcome> {
  const dir = resolve(stateDir);
  const identity = await loadIdentity(dir);
  if (!identity) throw new Error(`no identity in ${dir}: register the agent first`);
  const { instanceId } = identity;
  for (let attempt = 1; ; attempt++) {
    const stored = await loadPendingIdentity(dir);
    const pending: NodeKeys | undefined =
      stored?.instanceId === instanceId ? { privateKey: stored.privateKey, publicKey: stored.publicKey } : undefined;
    let session: Session;
    try {
      session = await Session.open(identity, identity, timeoutMs);
    } catch (error) {
      if (!(error instanceof Refused) || error.code !== 4003 || !pending) throw explain(error, identity);
      // The current key is refused: an earlier rotation may have reached the server.
      const resumed = await Session.open(identity, pending, timeoutMs).catch((e: unknown) => {
        throw new Error(
          `the server refuses both the current and the pending key of ${instanceId}: ${explain(e, identity).message}`,
        );
      });
      resumed.close();
      await promotePendingIdentity(dir);
      return { instanceId, publicKey: pending.publicKey, resumed: true };
    }
    // Reusing a pending key is always safe: whichever attempt the server took, this key is the one saved.
    const next: NodeKeys = pending ?? generateNodeKeys();
    await savePendingIdentity(dir, { ...identity, ...next });
    const proof = sign(null, Buffer.from(rotationText(instanceId, next.publicKey)), createPrivateKey(next.privateKey));
    const answer = await session
      .ask({ type: "rotate-key", newPublicKey: next.publicKey, proof: proof.toString("base64") })
      .finally(() => session.close())
      .catch((error: unknown) => error as Error);
    if (!(answer instanceof Error)) {
      if (answer.type === "key-rotated") {
        await promotePendingIdentity(dir);
        return { instanceId, publicKey: next.publicKey, resumed: false };
      }
      await discardPendingIdentity(dir);
      throw new Error(`the server refused the new key: ${answer.type === "error" ? answer.message : answer.type}`);
    }
    // No answer (the session was replaced or dropped): the next attempt finds out which key holds.
    if (attempt >= ATTEMPTS) throw new Error(`no answer to the key rotation: ${answer.message}; run rotate-key again`);
  }
}

function explain(error: unknown, identity: AgentIdentity): Error {
  if (error instanceof Refused && error.code === 4004) return new Error(`${identity.instanceId} is deregistered`);
  const trust = describeTrustFailure(error, identity.server, identity);
  return trust ? new Error(trust) : (error as Error);
}

/** One short authenticated session: challenge, signed hello, welcome; then one question. */
class Session {
  readonly #socket: WebSocket;
  readonly #timeoutMs: number;

  private constructor(socket: WebSocket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    // Errors after the outcome is known (a terminated socket) must not crash the process.
    socket.on("error", (error) => {
      this.lastError = error;
    });
  }

  /** The socket's last error, kept for diagnostics. */
  lastError: Error | undefined;

  /** Authenticates as `identity` with `keys`; rejects with {@link Refused} when the key is refused. */
  static open(identity: AgentIdentity, keys: NodeKeys, timeoutMs: number): Promise<Session> {
    const socket = openAgentSocket(identity.server, identity);
    const session = new Session(socket, timeoutMs);
    return session.#await((message) => {
      if (message.type === "challenge") {
        socket.send(JSON.stringify(signedHello(identity.instanceId, keys, message.nonce)));
        return undefined;
      }
      return message.type === "welcome" ? session : undefined;
    }, "the handshake");
  }

  /** Sends `frame`; resolves with the first `key-rotated` or `error` frame. */
  ask(frame: AgentMessage): Promise<ServerMessage> {
    this.#socket.send(JSON.stringify(frame));
    return this.#await((m) => (m.type === "key-rotated" || m.type === "error" ? m : undefined), "an answer");
  }

  close(): void {
    this.#socket.close(1000, "rotation done");
  }

  /** Feeds server frames to `pick` until it returns a value; rejects on close, error or timeout. */
  #await<T>(pick: (message: ServerMessage) => T | undefined, what: string): Promise<T> {
    const socket = this.#socket;
    return new Promise<T>((done, fail) => {
      const timer = setTimeout(
        () => finish(new Error(`no ${what} from the server within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      const onMessage = (data: WebSocket.RawData) => {
        const parsed = parseFrame(serverMessage, data.toString());
        const value = parsed.ok ? pick(parsed.message) : undefined;
        if (value !== undefined) finish(undefined, value);
      };
      const onClose = (code: number, reason: Buffer) =>
        finish(
          code === 4003 || code === 4004
            ? new Refused(code, reason.toString())
            : new Error(`connection closed (${code}) before ${what}`),
        );
      const onError = (error: Error) => finish(error);
      const finish = (error: Error | undefined, value?: T) => {
        clearTimeout(timer);
        socket.off("message", onMessage).off("close", onClose).off("error", onError);
        if (error) {
          socket.terminate();
          fail(error);
        } else done(value as T);
      };
      socket.on("message", onMessage).on("close", onClose).on("error", onError);
    });
  }
}
