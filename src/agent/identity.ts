import { generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServerTrust } from "./tls/server-trust.ts";

/**
 * What an agent keeps about itself in its state dir (identity.json, mode 0600), including how
 * it verifies the server (`--ca-file` / `--server-fingerprint`, kept from registration).
 */
export interface AgentIdentity extends ServerTrust {
  instanceId: string;
  server: string;
  region: string;
  /** Ed25519 private key, PKCS#8 PEM. Never leaves the node. */
  privateKey: string;
  /** Ed25519 public key, SPKI DER base64 (what the server stores). */
  publicKey: string;
  /**
   * The state dir this identity was read from (never written): a running agent reads its key
   * there again on reconnect, so a `fleetrun agent rotate-key` is picked up without a restart.
   */
  stateDir?: string;
}

/** A node key pair as identity.json holds it. */
export interface NodeKeys {
  privateKey: string;
  publicKey: string;
}

const FILE = "identity.json";
/**
 * A key rotation in flight: the identity with the new key, written before the server is asked
 * to switch, so a crash after the server switched never locks the node out.
 */
const PENDING_FILE = "identity.json.new";

/** A fresh Ed25519 key pair. */
export function generateNodeKeys(): NodeKeys {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

/** The stored identity, or undefined before the first registration. */
export async function loadIdentity(stateDir: string): Promise<AgentIdentity | undefined> {
  return read(stateDir, FILE);
}

/** Writes the identity atomically with mode 0600. */
export async function saveIdentity(stateDir: string, identity: AgentIdentity): Promise<void> {
  await write(stateDir, FILE, identity);
}

/** The identity with the key of an unfinished rotation, if there is one. */
export async function loadPendingIdentity(stateDir: string): Promise<AgentIdentity | undefined> {
  return read(stateDir, PENDING_FILE);
}

/** Records the identity with a new key before the server is asked to accept it (atomic, 0600). */
export async function savePendingIdentity(stateDir: string, identity: AgentIdentity): Promise<void> {
  await write(stateDir, PENDING_FILE, identity);
}

/**
 * The server accepted the pending key: it becomes identity.json (one atomic rename). Returns
 * false when there was no pending identity (another process promoted it first).
 */
export async function promotePendingIdentity(stateDir: string): Promise<boolean> {
  try {
    await rename(join(stateDir, PENDING_FILE), join(stateDir, FILE));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** The server refused the rotation: the pending key is forgotten. */
export async function discardPendingIdentity(stateDir: string): Promise<void> {
  await rm(join(stateDir, PENDING_FILE), { force: true });
}

async function read(stateDir: string, file: string): Promise<AgentIdentity | undefined> {
  const path = join(stateDir, file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return { ...(JSON.parse(text) as AgentIdentity), stateDir };
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

async function write(stateDir: string, file: string, identity: AgentIdentity): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const { stateDir: _where, ...stored } = identity;
  const tmp = join(stateDir, `${file}.tmp`);
  await rm(tmp, { force: true });
  await writeFile(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, join(stateDir, file));
}
