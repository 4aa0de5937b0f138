import { randomBytes } from "node:crypto";
import { chmod, open, readFile } from "node:fs/promises";
import { join } from "node:path";

/** File name of the master key inside the data dir. */
export const MASTER_KEY_FILE = "master.key";
/** Environment variable that supplies the master key instead of the file (base64 of 32 bytes). */
export const MASTER_KEY_ENV = "FLEETRUN_MASTER_KEY";
const KEY_BYTES = 32;

/**
 * The 32-byte master key that seals stored secrets: from `FLEETRUN_MASTER_KEY` (base64) when set —
 * no file is then read or written — else from `DATA_DIR/master.key` (32 raw bytes, mode 0600),
 * created with fresh random bytes on first start. Every replica of one store needs the same key.
 * @throws Error when the variable or the file does not hold exactly 32 bytes.
 */
export async function loadMasterKey(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ key: Buffer; source: "env" | "file" | "created" }> {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    const text = fromEnv.trim();
    const key = Buffer.from(text, "base64");
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
      throw new Error(`${MASTER_KEY_ENV} must be the base64 encoding of exactly ${KEY_BYTES} bytes`);
    }
    return { key, source: "env" };
  }
  const path = join(dataDir, MASTER_KEY_FILE);
  const created = await createKeyFile(path);
  if (created) return { key: created, source: "created" };
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) {
    throw new Error(`${path} must hold exactly ${KEY_BYTES} bytes (it holds ${key.length}); restore it from a backup`);
  }
  return { key, source: "file" };
}

/** Writes a fresh key to `path` unless the file exists (exclusive create, so two starts cannot race). */
async function createKeyFile(path: string): Promise<Buffer | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  const key = randomBytes(KEY_BYTES);
  try {
    await handle.writeFile(key);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, 0o600);
  return key;
}
