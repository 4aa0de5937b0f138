import type { AgentMessage } from "../../protocol/agent/messages.ts";

/** The connection as uploads see it (the agent's Connection satisfies it). */
export interface UploadTransport {
  /** The handshake is done and frames can be sent. */
  readonly ready: boolean;
  /** Bytes queued on the socket and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** Sends a frame; false when not connected. */
  send(message: AgentMessage): boolean;
}
