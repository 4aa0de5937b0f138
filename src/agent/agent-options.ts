import { resolve } from "node:path";
import type { AgentIdentity } from "./identity.ts";
import { loadIdentity } from "./identity.ts";
import { register } from "./registration.ts";

/** Agent options as given on the command line. */
export interface AgentOptions {
  stateDir: string;
  server?: string;
  activationId?: string;
  activationCode?: string;
  maxConcurrent?: number;
  /** `--reboot-command`: how the agent reboots the node when a step exits 194 (none: such steps fail). */
  rebootCommand?: string;
}

/**
 * Loads the node identity from the state dir, registering first when there is none. A stored
 * identity wins; registration flags are then ignored (a node registers once).
 */
export async function resolveIdentity(options: AgentOptions): Promise<AgentIdentity> {
  const stateDir = resolve(options.stateDir);
  const stored = await loadIdentity(stateDir);
  if (stored) return options.server ? { ...stored, server: options.server } : stored;
  const { server, activationId, activationCode } = options;
  if (!server || !activationId || !activationCode) {
    throw new Error(
      `no identity in ${stateDir}: register first with --server URL --activation-id ID --activation-code CODE (from aws ssm create-activation)`,
    );
  }
  return register(stateDir, server, activationId, activationCode);
}
