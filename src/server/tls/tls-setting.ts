import { isIP } from "node:net";

/** How the server secures its one port (API and agent gateway). */
export type TlsSetting =
  /** Plain HTTP: only on loopback, unless explicitly allowed. */
  | { kind: "none" }
  /** `--tls-cert FILE --tls-key FILE`: PEM files the operator provides. */
  | { kind: "files"; certFile: string; keyFile: string }
  /** `--tls auto`: a CA and a server certificate created in DATA_DIR/tls on first start. */
  | { kind: "auto"; extraNames: string[] };

const DNS_NAME = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Whether a certificate may name `name`: an IP address or a DNS name (a leading `*.` allowed). */
export function isValidSubjectName(name: string): boolean {
  return isIP(name) !== 0 || (name.length <= 253 && DNS_NAME.test(name));
}
