import { X509Certificate } from "node:crypto";
import { Agent, type RequestOptions } from "node:https";
import { isIP } from "node:net";
import { type ConnectionOptions, connect, type DetailedPeerCertificate, type TLSSocket } from "node:tls";
import { checkPinnedChain } from "./pinned-chain.ts";
import type { ServerTrust } from "./server-trust.ts";

/** The server's certificate did not match what this agent was told to trust. */
export class ServerTrustError extends Error {
  override name = "ServerTrustError";
}

/**
 * An https agent (for node:https and ws) that trusts only what `trust` says: the CA from
 * `--ca-file` alone, or the pinned fingerprint, or else the system's CAs. A pinned connection is
 * checked the moment the TLS handshake ends, before a byte of the request is sent.
 */
export class TrustingAgent extends Agent {
  readonly #trust: ServerTrust;

  constructor(trust: ServerTrust) {
    super({ keepAlive: false });
    this.#trust = trust;
  }

  override createConnection(options: RequestOptions): TLSSocket {
    return connectTrusting(options as ConnectionOptions, this.#trust);
  }
}

/** `tls.connect` under `trust` (see {@link TrustingAgent}). */
export function connectTrusting(options: ConnectionOptions, trust: ServerTrust): TLSSocket {
  const host = (options.host ?? "localhost").replace(/^\[|\]$/g, "");
  const servername = isIP(host) ? undefined : host;
  const base: ConnectionOptions = { ...options, host, ...(servername ? { servername } : {}) };
  const pin = trust.serverFingerprint;
  if (!pin) {
    return connect({ ...base, rejectUnauthorized: true, ...(trust.caCertificate ? { ca: trust.caCertificate } : {}) });
  }
  // The chain is judged by checkPinnedChain instead of the CA store: the pin is the trust anchor.
  const socket = connect({ ...base, rejectUnauthorized: false });
  socket.once("secureConnect", () => {
    const problem = checkPinnedChain(peerChain(socket), pin, host);
    if (problem) socket.destroy(new ServerTrustError(`cannot trust the server at ${host}: ${problem}`));
  });
  return socket;
}

/** The certificates the server presented, its own first. */
function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

const VERIFY_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * Explains a failed connection when the cause is the server's certificate (undefined otherwise),
 * saying how to trust the server.
 */
export function describeTrustFailure(error: unknown, server: string, trust: ServerTrust): string | undefined {
  if (error instanceof ServerTrustError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !VERIFY_CODES.has(code)) return undefined;
  const how = trust.caCertificate
    ? "it is not signed by the CA given with --ca-file (or does not name this host)"
    : "trust it with --ca-file FILE or --server-fingerprint SHA256 (both printed by `fleetrun server`)";
  return `cannot verify the TLS certificate of ${server}: ${(error as Error).message} (${code}); ${how}`;
}
