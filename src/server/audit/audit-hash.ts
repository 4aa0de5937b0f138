import { createHash } from "node:crypto";
import type { AuditHasher } from "../../core/ports/audit-store.ts";

/** A record's chain hash: lower-case hex SHA-256 of `prevHash` followed by its canonical JSON (UTF-8). */
export const auditHash: AuditHasher = (prevHash, json) =>
  createHash("sha256").update(prevHash, "utf8").update(json, "utf8").digest("hex");
