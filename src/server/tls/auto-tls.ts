import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { type CertificatePair, createCertificateAuthority, issueServerCertificate } from "./certificate-issuer.ts";
import { isWildcardHost } from "./loopback.ts";
import { isValidSubjectName } from "./tls-setting.ts";

/** What `--tls auto` serves with, and what an operator hands to agents and clients. */
export interface AutoTlsMaterial {
  /** DATA_DIR/tls/ca.pem: give it to agents (`--ca-file`) and clients (`--ca-bundle`). */
  caFile: string;
  /** The CA certificate's SHA-256 fingerprint, `AB:CD:...` (for `--server-fingerprint`). */
  caFingerprint: string;
  /** The server's private key, PEM. */
  key: string;
  /** The server certificate followed by the CA certificate (the chain the server presents). */
  cert: string;
  /** Whether this start created the CA / a new server certificate. */
  createdCa: boolean;
  issuedServer: boolean;
}

/** A server certificate this close to expiry is replaced at start-up. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

/** The names a server certificate carries: the listen host, loopback, this machine's name, extras. */
export function serverNames(listenHost: string, extraNames: string[], machineName = hostname()): string[] {
  const names = [
    ...(isWildcardHost(listenHost) ? [] : [listenHost]),
    "localhost",
    "127.0.0.1",
    "::1",
    ...(machineName ? [machineName] : []),
    ...extraNames,
  ];
  return [...new Set(names.map((n) => n.toLowerCase()).filter(isValidSubjectName))];
}

/**
 * `--tls auto`: on first start creates a CA and a server certificate it signs in DATA_DIR/tls
 * (private keys mode 0600); later starts reuse both. The server certificate alone is issued
 * again (by the same CA, so agents keep trusting it) when it lacks one of `names`, no longer
 * matches its key, or expires within 30 days.
 */
export async function ensureAutoTls(dataDir: string, names: string[], now = new Date()): Promise<AutoTlsMaterial> {
  const dir = join(dataDir, "tls");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {
    caCert: join(dir, "ca.pem"),
    caKey: join(dir, "ca-key.pem"),
    cert: join(dir, "server.pem"),
    key: join(dir, "server-key.pem"),
  };
  let ca = await readPair(files.caCert, files.caKey);
  const createdCa = ca === undefined;
  if (!ca) {
    ca = await createCertificateAuthority(`fleetrun CA ${hostname()}`.trim());
    await savePair(ca, files.caCert, files.caKey);
  }
  let server = await readPair(files.cert, files.key);
  const issuedServer = createdCa || !server || !isUsable(server, ca, names, now);
  if (issuedServer || !server) {
    server = await issueServerCertificate(ca, names);
    await savePair(server, files.cert, files.key);
  }
  return {
    caFile: files.caCert,
    caFingerprint: new X509Certificate(ca.certificate).fingerprint256,
    key: server.privateKey,
    cert: `${server.certificate.trimEnd()}\n${ca.certificate.trimEnd()}\n`,
    createdCa,
    issuedServer,
  };
}

/** Whether a stored server certificate can be served as it is. */
function isUsable(server: CertificatePair, ca: CertificatePair, names: string[], now: Date): boolean {
  const cert = new X509Certificate(server.certificate);
  const caCert = new X509Certificate(ca.certificate);
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return false;
  if (!cert.checkPrivateKey(createPrivateKey(server.privateKey))) return false;
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) return false;
  return names.every((n) =>
    isIP(n) ? cert.checkIP(n) !== undefined : cert.checkHost(n, { wildcards: false }) !== undefined,
  );
}

/** Both files, or undefined when either is missing (a half-written pair is made anew). */
async function readPair(certFile: string, keyFile: string): Promise<CertificatePair | undefined> {
  const [certificate, privateKey] = await Promise.all([readOptional(certFile), readOptional(keyFile)]);
  return certificate && privateKey ? { certificate, privateKey } : undefined;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Key first, then certificate, each written whole (temp file + rename); keys mode 0600. */
async function savePair(pair: CertificatePair, certFile: string, keyFile: string): Promise<void> {
  await writeAtomically(keyFile, pair.privateKey, 0o600);
  await writeAtomically(certFile, pair.certificate, 0o644);
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp`;
  await rm(tmp, { force: true });
  await writeFile(tmp, text, { mode });
  await rename(tmp, file);
}
