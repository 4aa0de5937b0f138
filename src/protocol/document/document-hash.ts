import { createHash } from "node:crypto";

/** A document's `Hash` (HashType `Sha256`): SHA-256 hex of the content's UTF-8 bytes. */
export function documentHash(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}
