/**
 * Parsing of the SigV4 `Authorization` header:
 * `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ssm/aws4_request, SignedHeaders=a;b, Signature=hex`.
 */
import { SsmError } from "../../protocol/errors.ts";

/** The only algorithm fleetrun accepts. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** The credential scope: `<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  /** `YYYYMMDD`, must equal the date part of `X-Amz-Date`. */
  date: string;
  region: string;
  service: string;
}

/** The fields of a well-formed `Authorization` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  scope: CredentialScope;
  /** Lower-case header names, in the client's order, without duplicates. */
  signedHeaders: string[];
  /** Lower-case hex, as sent. */
  signature: string;
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const SCOPE_DATE = /^\d{8}$/;

/**
 * Parses an `Authorization` header value. Throws `IncompleteSignature` naming what is missing or
 * malformed; it does not check the scope against the request (service, date): the caller does.
 */
export function parseAuthorization(value: string): ParsedAuthorization {
  const trimmed = value.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}'; only '${SIGV4_ALGORITHM}' is accepted.`, value);
  }
  const params = parseParams(space === -1 ? "" : trimmed.slice(space + 1));
  const problems: string[] = [];
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!params.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  if (problems.length > 0) throw incomplete(problems.join(" "), value);
  const { accessKeyId, scope } = parseCredential(params.get("Credential")!, value);
  return {
    accessKeyId,
    scope,
    signedHeaders: parseSignedHeaders(params.get("SignedHeaders")!, value),
    signature: params.get("Signature")!,
  };
}

/** Splits `Name=value, Name=value` (commas, optional spaces) into a map; later duplicates are ignored. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(",")) {
    const item = part.trim();
    const eq = item.indexOf("=");
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim();
    if (!params.has(name)) params.set(name, item.slice(eq + 1).trim());
  }
  return params;
}

function parseCredential(credential: string, header: string): { accessKeyId: string; scope: CredentialScope } {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((p) => p.length === 0)) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'.`,
      header,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (!SCOPE_DATE.test(date)) {
    throw incomplete(`Credential scope date must be YYYYMMDD, got '${date}'.`, header);
  }
  if (terminator !== "aws4_request") {
    throw incomplete(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
      header,
    );
  }
  return { accessKeyId, scope: { date, region, service } };
}

function parseSignedHeaders(list: string, header: string): string[] {
  const names = list.split(";");
  for (const name of names) {
    if (!HEADER_NAME.test(name)) {
      throw incomplete(`SignedHeaders must be lower-case header names separated by ';', got '${list}'.`, header);
    }
  }
  return [...new Set(names)];
}

function incomplete(problem: string, header: string): SsmError {
  return new SsmError("IncompleteSignatureException", `${problem} Authorization=${header}`);
}
