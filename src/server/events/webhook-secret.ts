import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The file in the data dir that holds the secret signing deliveries to raw-URL webhooks. */
export const WEBHOOK_SECRET_FILE = "webhook-secret";

/**
 * Reads the server-wide webhook secret from DATA_DIR/webhook-secret, creating it (0600, 32 random
 * bytes as base64url) on first start. Replicas sharing a store should share this file too.
 */
export async function loadWebhookSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, WEBHOOK_SECRET_FILE);
  const existing = await readWebhookSecret(dataDir);
  if (existing !== undefined) return existing;
  const secret = randomBytes(32).toString("base64url");
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = await readWebhookSecret(dataDir);
    if (theirs === undefined) throw new Error(`${path} exists but is empty`);
    return theirs;
  }
}

/** The secret, or undefined when the file does not exist yet. */
export async function readWebhookSecret(dataDir: string): Promise<string | undefined> {
  try {
    const text = (await readFile(join(dataDir, WEBHOOK_SECRET_FILE), "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
