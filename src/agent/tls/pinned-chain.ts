import type { X509Certificate } from "node:crypto";
import { isIP } from "node:net";

/**
 * Checks a presented certificate chain (server certificate first) against a pinned SHA-256
 * fingerprint. Pinning the server certificate accepts exactly that certificate. Pinning a CA
 * accepts a chain in which every certificate up to that CA is signed by the next and currently
 * valid, and whose server certificate names `host`. Returns why the chain is refused, or
 * undefined when it is accepted.
 */
export function checkPinnedChain(
  chain: X509Certificate[],
  pin: string,
  host: string,
  now: Date = new Date(),
): string | undefined {
  const [leaf] = chain;
  if (!leaf) return "the server presented no certificate";
  const anchor = chain.findIndex((cert) => cert.fingerprint256 === pin);
  if (anchor < 0) {
    const presented = chain.map(
      (cert, i) => `${i === 0 ? "certificate" : "issuer"} ${cert.fingerprint256} (${name(cert)})`,
    );
    return `the server presented ${presented.join(", ")}; expected ${pin} (--server-fingerprint): refusing to talk to it`;
  }
  for (let i = 0; i <= anchor; i++) {
    const cert = chain[i] as X509Certificate;
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
      return `certificate ${name(cert)} is not valid now (valid ${cert.validFrom} to ${cert.validTo})`;
    }
    const issuer = chain[i + 1];
    if (i < anchor && (!issuer?.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey))) {
      return `certificate ${name(cert)} is not signed by the pinned CA ${pin}`;
    }
  }
  if (anchor > 0) {
    const valid = isIP(host) ? leaf.checkIP(host) : leaf.checkHost(host);
    if (valid === undefined) return `the server certificate (${name(leaf)}) is not valid for ${host}`;
  }
  return undefined;
}

function name(cert: X509Certificate): string {
  return cert.subject.replace(/\n/g, ", ");
}
