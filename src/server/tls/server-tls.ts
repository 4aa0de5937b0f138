import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ensureAutoTls, serverNames } from "./auto-tls.ts";
import type { TlsSetting } from "./tls-setting.ts";

/** What the HTTPS server is started with, and what its start-up message tells the operator. */
export interface ServerTls {
  /** Private key, PEM. */
  key: string;
  /** Certificate chain, PEM (the server certificate first). */
  cert: string;
  /** SHA-256 fingerprint agents can pin (`--server-fingerprint`): the CA's with `--tls auto`, else the server certificate's. */
  fingerprint: string;
  fingerprintOf: "ca" | "certificate";
  /** The CA file to hand to agents and clients (`--tls auto` only). */
  caFile?: string;
  /** Whether this start created the CA (`--tls auto`). */
  createdCa?: boolean;
}

/** Loads or creates the TLS material of a setting; undefined for plain HTTP. Throws with a clear message. */
export async function loadServerTls(
  setting: TlsSetting,
  dataDir: string,
  listenHost: string,
): Promise<ServerTls | undefined> {
  if (setting.kind === "none") return undefined;
  if (setting.kind === "auto") {
    const auto = await ensureAutoTls(dataDir, serverNames(listenHost, setting.extraNames));
    return {
      key: auto.key,
      cert: auto.cert,
      fingerprint: auto.caFingerprint,
      fingerprintOf: "ca",
      caFile: auto.caFile,
      createdCa: auto.createdCa,
    };
  }
  const [cert, key] = await Promise.all([
    readPem(setting.certFile, "--tls-cert"),
    readPem(setting.keyFile, "--tls-key"),
  ]);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (error) {
    throw new Error(`--tls-cert ${setting.certFile} holds no PEM certificate: ${(error as Error).message}`);
  }
  let matches: boolean;
  try {
    matches = leaf.checkPrivateKey(createPrivateKey(key));
  } catch (error) {
    throw new Error(`--tls-key ${setting.keyFile} holds no PEM private key: ${(error as Error).message}`);
  }
  if (!matches)
    throw new Error(`--tls-key ${setting.keyFile} is not the key of the certificate in ${setting.certFile}`);
  return { key, cert, fingerprint: leaf.fingerprint256, fingerprintOf: "certificate" };
}

async function readPem(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`${flag} ${file}: ${(error as Error).message}`);
  }
}
