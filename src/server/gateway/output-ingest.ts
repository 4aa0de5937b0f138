import { TextDecoder } from "node:util";
import type { Logger } from "pino";
import type { Bus } from "../../core/ports/bus.ts";
import { type OutputLocation, type OutputStore, outputKey } from "../../core/ports/output-store.ts";
import type { Store } from "../../core/ports/store.ts";
import type { OutputDoneMessage, OutputMessage, ServerMessage } from "../../protocol/agent/messages.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { AgentAudit } from "../audit/agent-auditor.ts";

/** What output ingestion needs from the server. */
export interface OutputIngestDeps {
  store: Store;
  bus: Bus;
  outputs: OutputStore;
  log: Logger;
  audit?: AgentAudit | undefined;
}

/** Where a command's output goes, or null: the node has no such invocation. */
type Destination = { bucket: string | undefined; prefix: string } | null;

/** What this session knows of one stream: bytes stored so far, and the decoder for live text. */
interface StreamState {
  held: number;
  decoder: TextDecoder;
}

/** Commands whose destination a session remembers (a node runs a handful at a time). */
const DESTINATION_CACHE = 256;

/**
 * Stores the output frames of one authenticated node: each chunk is written to the OutputStore
 * at its offset (idempotent), acknowledged with the bytes stored, and its new bytes published as
 * text on `output.<commandId>` for live watchers; `output-done` completes the object. Frames
 * about invocations the node does not have are ignored and audited (once per command).
 */
export class OutputIngest {
  readonly #deps: OutputIngestDeps;
  readonly #instanceId: string;
  readonly #send: (message: ServerMessage) => void;
  readonly #destinations = new Map<string, Destination>();
  readonly #streams = new Map<string, StreamState>();

  constructor(deps: OutputIngestDeps, instanceId: string, send: (message: ServerMessage) => void) {
    this.#deps = deps;
    this.#instanceId = instanceId;
    this.#send = send;
  }

  /** One `output` frame. */
  async chunk(message: OutputMessage): Promise<void> {
    const location = await this.#location(message);
    if (!location) return;
    const { commandId, step, stream, offset } = message;
    const key = streamKey(message);
    const state = this.#streams.get(key) ?? { held: await this.#held(location), decoder: new TextDecoder() };
    this.#streams.set(key, state);
    if (offset > state.held) {
      // A gap: this server holds fewer bytes than the agent believes (another replica staged them).
      this.#send({ type: "output-ack", commandId, step, stream, offset: state.held, rewind: true });
      return;
    }
    const bytes = Buffer.from(message.data, "base64");
    try {
      await this.#deps.outputs.write(location, offset, bytes);
    } catch (error) {
      this.#refuseWrite(message, error);
      this.#streams.delete(key);
      return;
    }
    const end = offset + bytes.length;
    this.#send({ type: "output-ack", commandId, step, stream, offset: end });
    if (end <= state.held) return;
    // Only bytes never seen before go live: a resend after a reconnect is not shown twice.
    const fresh = bytes.subarray(state.held - offset);
    const from = state.held;
    state.held = end;
    const text = state.decoder.decode(fresh, { stream: true });
    if (text === "") return;
    await this.#deps.bus.publish(`output.${commandId}`, {
      kind: "output",
      commandId,
      instanceId: this.#instanceId,
      step,
      stream,
      offset: from,
      text,
    });
  }

  /** One `output-done` frame: every byte was acknowledged, so the object is complete. */
  async done(message: OutputDoneMessage): Promise<void> {
    const location = await this.#location(message);
    if (!location) return;
    const { commandId, step, stream, size } = message;
    const key = streamKey(message);
    const held = this.#streams.get(key)?.held ?? (await this.#held(location));
    if (held < size) {
      this.#streams.set(key, { held, decoder: new TextDecoder() });
      this.#send({ type: "output-ack", commandId, step, stream, offset: held, rewind: true });
      return;
    }
    try {
      await this.#deps.outputs.finish(location, size);
    } catch (error) {
      this.#refuseWrite(message, error);
      return;
    }
    this.#streams.delete(key);
    this.#send({ type: "output-ack", commandId, step, stream, offset: size, done: true });
  }

  async #held(location: OutputLocation): Promise<number> {
    return this.#deps.outputs.size(location);
  }

  /** The stream's location, or undefined when the node may not write it (ignored and audited). */
  async #location(message: OutputMessage | OutputDoneMessage): Promise<OutputLocation | undefined> {
    const destination = await this.#destination(message.commandId);
    if (!destination) return undefined;
    const { commandId, action, step, stream } = message;
    const key = outputKey(destination.prefix, commandId, this.#instanceId, action, step, stream);
    return destination.bucket === undefined ? { key } : { bucket: destination.bucket, key };
  }

  async #destination(commandId: string): Promise<Destination> {
    const known = this.#destinations.get(commandId);
    if (known !== undefined) return known;
    const { store, log, audit } = this.#deps;
    const invocation = await store.getInvocation(commandId, this.#instanceId);
    const command = invocation?.releasedAt === undefined ? undefined : await store.getCommand(commandId);
    let destination: Destination = null;
    if (command) {
      const bucket = command.outputS3BucketName === "" ? undefined : command.outputS3BucketName;
      destination = { bucket, prefix: command.outputS3KeyPrefix };
    } else {
      const errorMessage = "output for an invocation this node does not have";
      log.warn({ instanceId: this.#instanceId, commandId }, errorMessage);
      audit?.result(
        this.#instanceId,
        { commandId, status: "Output", responseCode: -1 },
        { errorCode: "InvocationDoesNotExist", errorMessage },
      );
    }
    if (this.#destinations.size >= DESTINATION_CACHE) this.#destinations.clear();
    this.#destinations.set(commandId, destination);
    return destination;
  }

  /** The store refused (e.g. no S3 endpoint here): no ack, so the agent sends it again later. */
  #refuseWrite(message: OutputMessage | OutputDoneMessage, error: unknown): void {
    const { commandId, step, stream } = message;
    this.#deps.log.error(
      { err: error, instanceId: this.#instanceId, commandId, step, stream },
      "storing output failed",
    );
    const code = error instanceof SsmError ? error.code : "InternalServerError";
    this.#send({ type: "error", code, message: `output of ${commandId} ${step} ${stream} was not stored` });
  }
}

function streamKey(message: { commandId: string; step: string; stream: string }): string {
  return `${message.commandId}\0${message.step}\0${message.stream}`;
}
