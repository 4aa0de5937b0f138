import { generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What an agent keeps about itself in its state dir (identity.json, mode 0600). */
export interface AgentIdentity {
  instanceId: string;
  server: string;
  region: string;
  /** Ed25519 private key, PKCS#8 PEM. Never leaves the node. */
  privateKey: string;
  /** Ed25519 public key, SPKI DER base64 (what the server stores). */
  publicKey: string;
}

const FILE = "identity.json";

/** A fresh Ed25519 key pair. */
export function generateNodeKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

/** The stored identity, or undefined before the first registration. */
export async function loadIdentity(stateDir: string): Promise<AgentIdentity | undefined> {
  try {
    return JSON.parse(await readFile(join(stateDir, FILE), "utf8")) as AgentIdentity;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read ${join(stateDir, FILE)}: ${(error as Error).message}`);
  }
}

/** Writes the identity atomically with mode 0600. */
export async function saveIdentity(stateDir: string, identity: AgentIdentity): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const tmp = join(stateDir, `${FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, join(stateDir, FILE));
}
