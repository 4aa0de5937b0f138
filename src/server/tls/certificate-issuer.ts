import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOpenssl } from "./openssl.ts";

/** A certificate and its private key, both PEM. */
export interface CertificatePair {
  certificate: string;
  privateKey: string;
}

/** How long a created CA is valid. */
export const CA_VALIDITY_DAYS = 3650;
/** How long an issued server certificate is valid. */
export const SERVER_VALIDITY_DAYS = 825;

/**
 * Creates a certificate authority: a P-256 key and a self-signed certificate valid for
 * {@link CA_VALIDITY_DAYS} that may sign server certificates only.
 */
export async function createCertificateAuthority(commonName: string): Promise<CertificatePair> {
  const privateKey = newPrivateKey();
  const certificate = await withScratch(async (dir) => {
    await writeFile(join(dir, "key.pem"), privateKey, { mode: 0o600 });
    // biome-ignore format: one openssl flag per line reads best.
    await runOpenssl([
      "req", "-config", "/dev/null", "-x509", "-new", "-key", "key.pem", "-sha256",
      "-days", String(CA_VALIDITY_DAYS), "-set_serial", serial(), "-subj", subject(commonName),
      "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      "-addext", "subjectKeyIdentifier=hash",
      "-out", "cert.pem",
    ], dir);
    return readFile(join(dir, "cert.pem"), "utf8");
  });
  return { certificate, privateKey };
}

/**
 * Issues a server certificate signed by `ca` for `names` (DNS names and IP addresses, the first
 * also the common name), valid for {@link SERVER_VALIDITY_DAYS}.
 */
export async function issueServerCertificate(ca: CertificatePair, names: string[]): Promise<CertificatePair> {
  if (names.length === 0) throw new Error("a server certificate needs at least one name");
  const privateKey = newPrivateKey();
  const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
  const certificate = await withScratch(async (dir) => {
    await writeFile(join(dir, "key.pem"), privateKey, { mode: 0o600 });
    await writeFile(join(dir, "ca-key.pem"), ca.privateKey, { mode: 0o600 });
    await writeFile(join(dir, "ca.pem"), ca.certificate);
    // biome-ignore format: one openssl flag per line reads best.
    await runOpenssl([
      "req", "-config", "/dev/null", "-new", "-key", "key.pem", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
      "-sha256", "-days", String(SERVER_VALIDITY_DAYS), "-set_serial", serial(),
      "-subj", subject(names[0] ?? "fleetrun"),
      "-addext", `subjectAltName=${san}`,
      "-addext", "basicConstraints=critical,CA:FALSE",
      "-addext", "keyUsage=critical,digitalSignature",
      "-addext", "extendedKeyUsage=serverAuth",
      "-addext", "subjectKeyIdentifier=hash",
      "-addext", "authorityKeyIdentifier=keyid",
      "-out", "cert.pem",
    ], dir);
    return readFile(join(dir, "cert.pem"), "utf8");
  });
  return { certificate, privateKey };
}

function newPrivateKey(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** A random positive 127-bit serial number. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString("hex")}`;
}

/** `/CN=<name>` with the characters openssl's -subj syntax treats specially escaped. */
function subject(commonName: string): string {
  return `/CN=${commonName.slice(0, 64).replace(/[\\/+=,]/g, (c) => `\\${c}`)}`;
}

/** Runs `work` in a private temporary directory that is always removed (it holds keys). */
async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-tls-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
