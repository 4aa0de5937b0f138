import { z } from "zod";
import { OUTPUT_LIMITS } from "../output-limits.ts";

/**
 * The agent protocol, version 1: JSON text frames over one WebSocket the agent opens to
 * `/agent/v1/connect`. Every frame is one of the messages below, discriminated by `type`.
 * See docs/agent-protocol.md for the sequence diagrams.
 */
export const AGENT_PROTOCOL_VERSION = 1;

const platformInfo = z.object({
  computerName: z.string().max(255),
  ipAddress: z.string().max(46),
  platformType: z.enum(["Linux", "MacOS", "Windows"]),
  platformName: z.string().max(120),
  platformVersion: z.string().max(120),
  agentVersion: z.string().max(64),
});
/** What an agent tells about its host at registration and on each connection. */
export type PlatformInfo = z.infer<typeof platformInfo>;

const instanceId = z.string().regex(/^mi-[0-9a-f]{17}$/);
const commandId = z.string().length(36);

// ---------- server → agent ----------

const challenge = z.object({ type: z.literal("challenge"), v: z.literal(1), nonce: z.string().min(32).max(128) });
const welcome = z.object({ type: z.literal("welcome"), instanceId, heartbeatSeconds: z.number().int().positive() });
const invoke = z.object({
  type: z.literal("invoke"),
  commandId,
  documentName: z.string(),
  documentContent: z.string(),
  /** Typed parameter values (defaults applied); the agent re-checks and interpolates them. */
  parameters: z.record(z.string(), z.unknown()),
  requestedAt: z.number(),
  region: z.string(),
  /**
   * Contents of the stored documents the steps refer to (`aws:runDocument` and
   * `aws:downloadContent` with SSMDocument), keyed as the step names them (`name` or
   * `name:version`). A document the server could not find is absent.
   */
  documents: z.record(z.string(), z.string()).optional(),
});
const cancel = z.object({ type: z.literal("cancel"), commandId });
const resultAck = z.object({ type: z.literal("result-ack"), commandId });
const serverError = z.object({ type: z.literal("error"), code: z.string(), message: z.string() });

/** Raw bytes one `output` frame carries at most (base64 in the frame). */
export const OUTPUT_CHUNK_BYTES = 64 * 1024;
/** A step as its output key and step directory name it: `0.aws:runShellScript`, `build`, `outer.inner`. */
const stepId = z
  .string()
  .regex(/^[a-zA-Z0-9_.:-]{1,512}$/)
  .refine((s) => s !== "." && s !== "..", "not a step name");
const outputStream = z.enum(["stdout", "stderr"]);
/**
 * Output of a step up to `offset` bytes is stored (`done`: the object is complete at `offset`).
 * `rewind`: the server holds only `offset` bytes (it lost or never got the rest): send from there.
 */
const outputAck = z.object({
  type: z.literal("output-ack"),
  commandId,
  step: stepId,
  stream: outputStream,
  offset: z.number().int().min(0),
  done: z.literal(true).optional(),
  rewind: z.literal(true).optional(),
});
export type OutputAckMessage = z.infer<typeof outputAck>;
/** The node's new key is stored: the old one is refused from now on. */
const keyRotated = z.object({ type: z.literal("key-rotated"), instanceId });

/** Messages the server sends. */
export const serverMessage = z.discriminatedUnion("type", [
  challenge,
  welcome,
  invoke,
  cancel,
  resultAck,
  serverError,
  keyRotated,
  outputAck,
]);
export type ServerMessage = z.infer<typeof serverMessage>;
export type InvokeMessage = z.infer<typeof invoke>;

// ---------- agent → server ----------

const hello = z.object({
  type: z.literal("hello"),
  v: z.literal(1),
  instanceId,
  /** Ed25519 signature (base64) over `fleetrun-agent-v1:<instanceId>:<nonce>`. */
  signature: z.string().max(200),
  info: platformInfo,
});
const heartbeat = z.object({ type: z.literal("heartbeat"), info: platformInfo.optional() });
const ack = z.object({ type: z.literal("ack"), commandId });
const started = z.object({ type: z.literal("started"), commandId, startedAt: z.number() });

const pluginResult = z.object({
  name: z.string().max(200),
  action: z.string().max(200),
  status: z.enum(["Success", "Failed", "TimedOut", "Cancelled", "Pending", "InProgress"]),
  responseCode: z.number().int(),
  stdout: z.string().max(OUTPUT_LIMITS.stdout),
  stderr: z.string().max(OUTPUT_LIMITS.stderr),
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
  message: z.string().max(2_000).optional(),
});
export type AgentPluginResult = z.infer<typeof pluginResult>;

const result = z.object({
  type: z.literal("result"),
  commandId,
  status: z.enum(["Success", "Failed", "TimedOut", "Cancelled"]),
  responseCode: z.number().int(),
  startedAt: z.number().optional(),
  endedAt: z.number(),
  plugins: z.array(pluginResult).max(100),
});
export type ResultMessage = z.infer<typeof result>;

/** Replace the node key (sent over a session authenticated with the current key). */
const rotateKey = z.object({
  type: z.literal("rotate-key"),
  /** Ed25519 public key, SPKI DER, base64. */
  newPublicKey: z.string().min(40).max(200),
  /** Ed25519 signature (base64) by the NEW key over `fleetrun-rotate-v1:<instanceId>:<newPublicKey>`. */
  proof: z.string().max(200),
});
export type RotateKeyMessage = z.infer<typeof rotateKey>;

/** Bytes of a step's stdout or stderr at `offset` (`data`: base64 of at most OUTPUT_CHUNK_BYTES). */
const output = z.object({
  type: z.literal("output"),
  commandId,
  step: stepId,
  action: z.string().regex(/^[a-zA-Z0-9_.:-]{1,200}$/),
  stream: outputStream,
  offset: z.number().int().min(0),
  data: z
    .string()
    .max(Math.ceil(OUTPUT_CHUNK_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type OutputMessage = z.infer<typeof output>;
/** Every byte of the stream (`size` in all) was acknowledged: the server completes the object. */
const outputDone = z.object({
  type: z.literal("output-done"),
  commandId,
  step: stepId,
  action: z.string().regex(/^[a-zA-Z0-9_.:-]{1,200}$/),
  stream: outputStream,
  size: z.number().int().min(0),
});
export type OutputDoneMessage = z.infer<typeof outputDone>;

/** Messages the agent sends. */
export const agentMessage = z.discriminatedUnion("type", [
  hello,
  heartbeat,
  ack,
  started,
  result,
  rotateKey,
  output,
  outputDone,
]);
export type AgentMessage = z.infer<typeof agentMessage>;

/** The exact bytes an agent signs to prove it holds its node key. */
export function challengeText(instanceId: string, nonce: string): string {
  return `fleetrun-agent-v1:${instanceId}:${nonce}`;
}

/** The exact bytes the new key signs in a `rotate-key` frame (it proves the node holds it). */
export function rotationText(instanceId: string, newPublicKey: string): string {
  return `fleetrun-rotate-v1:${instanceId}:${newPublicKey}`;
}

/** Registration request (HTTP POST /agent/v1/register). */
export const registerRequest = z.object({
  activationId: z.string().min(36).max(36),
  activationCode: z.string().min(20).max(250),
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: z.string().min(40).max(200),
  info: platformInfo,
});
export type RegisterRequest = z.infer<typeof registerRequest>;

/** Registration answer. */
export interface RegisterResponse {
  instanceId: string;
  region: string;
}

/** Parses a frame; returns a typed message or an error text (never throws). */
export function parseFrame<T>(
  schema: z.ZodType<T>,
  raw: string,
): { ok: true; message: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: "frame is not JSON" };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, message: parsed.data };
}
