import { createHash } from "node:crypto";
import { canonicalJson } from "../../core/audit/canonical-json.ts";
import { CloudTrailError } from "./cloudtrail-error.ts";

const PREFIX = "ct1.";

/**
 * Opaque LookupEvents NextTokens: the seq the next page starts below, bound to the query it came
 * from (AWS refuses a token with different parameters, and so does fleetrun).
 */
export function encodeLookupToken(beforeSeq: number, query: unknown): string {
  return PREFIX + Buffer.from(`${beforeSeq}.${fingerprint(query)}`, "utf8").toString("base64url");
}

/** The seq a token continues below. @throws CloudTrailError InvalidNextTokenException */
export function decodeLookupToken(token: string, query: unknown): number {
  const text = token.startsWith(PREFIX) ? Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8") : "";
  const match = /^([0-9]{1,15})\.([0-9a-f]{16})$/.exec(text);
  if (!match || match[2] !== fingerprint(query)) {
    throw new CloudTrailError(
      "InvalidNextTokenException",
      "Invalid NextToken: it is malformed or was returned for different lookup parameters.",
    );
  }
  return Number(match[1]);
}

function fingerprint(query: unknown): string {
  return createHash("sha256").update(canonicalJson(query)).digest("hex").slice(0, 16);
}
