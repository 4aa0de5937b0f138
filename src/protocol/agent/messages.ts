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

/** Messages the server sends. */
export const serverMessage = z.discriminatedUnion("type", [challenge, welcome, invoke, cancel, resultAck, serverError]);
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

/** Messages the agent sends. */
export const agentMessage = z.discriminatedUnion("type", [hello, heartbeat, ack, started, result]);
export type AgentMessage = z.infer<typeof agentMessage>;

/** The exact bytes an agent signs to prove it holds its node key. */
export function challengeText(instanceId: string, nonce: string): string {
  return `fleetrun-agent-v1:${instanceId}:${nonce}`;
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
