import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries a delivery's signature. */
export const SIGNATURE_HEADER = "x-fleetrun-signature";

/** `sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>`. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Whether `signature` is the body's signature under `secret` (constant-time comparison). */
export function verifyBodySignature(secret: string, body: string | Buffer, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
