import { createHash } from "node:crypto";

/** SHA-256 hex of an activation code: only the hash is stored; the code is shown once. */
export function activationCodeHash(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex");
}
