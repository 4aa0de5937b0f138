import { isLoopbackHostname } from "./loopback.ts";

/**
 * How an agent knows it talks to its server, chosen at registration and kept in identity.json
 * so every later run verifies the same way. With neither a CA nor a fingerprint, the system's
 * CA store decides.
 */
export interface ServerTrust {
  /** The only CA trusted for the server (PEM, from `--ca-file`). */
  caCertificate?: string;
  /** SHA-256 fingerprint of the server certificate or of its CA (`--server-fingerprint`). */
  serverFingerprint?: string;
  /** Plain http to a server that is not on this machine was explicitly allowed. */
  allowPlainHttp?: boolean;
}

/**
 * Refuses a server URL the agent must not talk to: not http(s), or plain http to another
 * machine without `--allow-plain-http` (the node's traffic would be readable on the way).
 */
export function checkServerUrl(server: string, trust: ServerTrust): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`invalid --server "${server}": use a URL such as https://fleet.example.com:8080`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`invalid --server "${server}": use http:// or https://`);
  }
  if (url.protocol === "http:" && !isLoopbackHostname(url.hostname) && !trust.allowPlainHttp) {
    throw new Error(
      `refusing plain http to ${url.host}: use https:// (with --ca-file or --server-fingerprint), or accept the risk with --allow-plain-http`,
    );
  }
  if (url.protocol === "http:" && (trust.caCertificate || trust.serverFingerprint)) {
    throw new Error(`--ca-file and --server-fingerprint need an https:// server, not ${server}`);
  }
  return url;
}
