import { chmod, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../core/ports/clock.ts";
import type { IdentityService } from "./identity/identity-service.ts";

/** File name of the bootstrap administrator's credentials inside the data dir. */
export const ADMIN_CREDENTIALS_FILE = "admin-credentials";
/** The bootstrap administrator: an ordinary IAM user with AdministratorAccess attached. */
export const ADMIN_USER = "admin";

/**
 * Makes sure the bootstrap administrator can sign in: first seals and moves keys stored in
 * plaintext by older versions, then, unless `DIR/admin-credentials` names a key that still
 * exists (Active or not), creates the user `admin` (with AdministratorAccess) if missing, issues it a new key and
 * writes that key in AWS shared-credentials format (profile `default`, mode 0600).
 * @throws Error when the file's key exists but the master key cannot open it (a different master key).
 */
export async function ensureAdminCredentials(
  deps: { identity: IdentityService; clock: Clock },
  dataDir: string,
): Promise<{ path: string; created: boolean }> {
  await deps.identity.importLegacyKeys();
  const path = join(dataDir, ADMIN_CREDENTIALS_FILE);
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const keyId = existing?.match(/aws_access_key_id\s*=\s*(\S+)/)?.[1];
  const state = keyId ? await deps.identity.accessKeyState(keyId) : "missing";
  if (state === "unopenable") {
    throw new Error(
      `the master key cannot open the administrator's access key ${keyId}: start with the master key ` +
        "that sealed it (DATA_DIR/master.key or FLEETRUN_MASTER_KEY)",
    );
  }
  // An Inactive key stays as the operator left it; only a deleted (or never written) key is replaced.
  if (state !== "missing") return { path, created: false };

  const { record, secretAccessKey } = await deps.identity.issueAdminKey(ADMIN_USER);
  const text = `# fleetrun administrator, created ${new Date(deps.clock.now()).toISOString()}\n[default]\naws_access_key_id = ${record.accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
  return { path, created: true };
}
