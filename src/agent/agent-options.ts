import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type AgentIdentity, loadIdentity, saveIdentity } from "./identity.ts";
import { register } from "./registration.ts";
import { normalizeFingerprint } from "./tls/fingerprint.ts";
import { checkServerUrl, type ServerTrust } from "./tls/server-trust.ts";

/** Agent options as given on the command line. */
export interface AgentOptions {
  stateDir: string;
  server?: string;
  activationId?: string;
  activationCode?: string;
  maxConcurrent?: number;
  /** `--reboot-command`: how the agent reboots the node when a step exits 194 (none: such steps fail). */
  rebootCommand?: string;
  /** `--ca-file`: trust only this CA (PEM) for the server. */
  caFile?: string;
  /** `--server-fingerprint`: the SHA-256 fingerprint of the server certificate or its CA. */
  serverFingerprint?: string;
  /** `--allow-plain-http`: talk plain http to a server on another machine. */
  allowPlainHttp?: boolean;
}

/**
 * Loads the node identity from the state dir, registering first when there is none. A stored
 * identity wins; registration flags are then ignored (a node registers once). Trust flags given
 * again replace the stored ones (and are saved); without them the stored trust applies.
 */
export async function resolveIdentity(options: AgentOptions): Promise<AgentIdentity> {
  const stateDir = resolve(options.stateDir);
  const trust = await trustFrom(options);
  const stored = await loadIdentity(stateDir);
  if (stored) {
    let identity = options.server ? { ...stored, server: options.server } : stored;
    if (trust) {
      // A new CA or fingerprint replaces the old anchor; --allow-plain-http alone keeps it.
      const { caCertificate: _ca, serverFingerprint: _fp, ...unanchored } = identity;
      identity = { ...(trust.caCertificate || trust.serverFingerprint ? unanchored : identity), ...trust };
      await saveIdentity(stateDir, identity);
    }
    checkServerUrl(identity.server, identity);
    return identity;
  }
  const { server, activationId, activationCode } = options;
  if (!server || !activationId || !activationCode) {
    throw new Error(
      `no identity in ${stateDir}: register first with --server URL --activation-id ID --activation-code CODE (from aws ssm create-activation)`,
    );
  }
  return register(stateDir, server, activationId, activationCode, trust ?? {});
}

/** The trust the flags ask for, or undefined when none was given. */
async function trustFrom(options: AgentOptions): Promise<ServerTrust | undefined> {
  const { caFile, serverFingerprint, allowPlainHttp } = options;
  if (caFile && serverFingerprint) throw new Error("use either --ca-file or --server-fingerprint, not both");
  if (!caFile && !serverFingerprint && !allowPlainHttp) return undefined;
  return {
    ...(caFile ? { caCertificate: await readCa(caFile) } : {}),
    ...(serverFingerprint ? { serverFingerprint: normalizeFingerprint(serverFingerprint) } : {}),
    ...(allowPlainHttp ? { allowPlainHttp: true } : {}),
  };
}

async function readCa(file: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`--ca-file ${file}: ${(error as Error).message}`);
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw new Error(`--ca-file ${file} holds no PEM certificate`);
  }
  return pem;
}
