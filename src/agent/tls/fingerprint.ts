/**
 * A SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` and Node's `fingerprint256`
 * write it: 32 upper-case hex bytes separated by colons. Accepts that form, plain hex, and the
 * `sha256 Fingerprint=` / `SHA256:` prefixes people paste; throws on anything else.
 */
export function normalizeFingerprint(input: string): string {
  const hex = input
    .trim()
    .replace(/^.*=/, "")
    .replace(/^sha-?256:/i, "")
    .replace(/[:\s]/g, "")
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new Error(
      `invalid --server-fingerprint "${input}": give the SHA-256 fingerprint the server prints (64 hex digits, colons optional)`,
    );
  }
  return hex.match(/../g)?.join(":") ?? hex;
}
