import { chmod, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../core/ports/clock.ts";
import type { Ids } from "../core/ports/ids.ts";
import type { Store } from "../core/ports/store.ts";

/** File name of the bootstrap administrator's credentials inside the data dir. */
export const ADMIN_CREDENTIALS_FILE = "admin-credentials";

/**
 * Makes sure an administrator access key exists and is written to `DIR/admin-credentials` in
 * AWS shared-credentials format (profile `default`, mode 0600). Returns the file's path.
 */
export async function ensureAdminCredentials(
  deps: { store: Store; ids: Ids; clock: Clock },
  dataDir: string,
): Promise<{ path: string; created: boolean }> {
  const path = join(dataDir, ADMIN_CREDENTIALS_FILE);
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const keyId = existing?.match(/aws_access_key_id\s*=\s*(\S+)/)?.[1];
  if (keyId && (await deps.store.getAccessKey(keyId))) return { path, created: false };

  const accessKeyId = `AKFR${deps.ids.secret(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
  const secretAccessKey = deps.ids.secret(40);
  await deps.store.putAccessKey({ accessKeyId, secretAccessKey, userName: "admin", createdAt: deps.clock.now() });
  const text = `# fleetrun administrator, created ${new Date(deps.clock.now()).toISOString()}\n[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
  return { path, created: true };
}
