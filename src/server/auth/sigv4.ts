/**
 * SigV4 request authentication for the AWS JSON API: parses the `Authorization` header, checks the
 * scope and the clock, looks up the caller's secret, re-signs the request with the official signer
 * and compares signatures in constant time. Free of any HTTP framework.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { SsmError } from "../../protocol/errors.ts";
import { type ParsedAuthorization, parseAuthorization } from "./parse-authorization.ts";
import { splitTarget } from "./parse-query.ts";
import { assertWithinSkew, signatureDate } from "./signature-date.ts";

export { signatureDate } from "./signature-date.ts";

/** A request as received, before any parsing of its body. */
export interface SignedRequest {
  method: string;
  /** Raw path and query exactly as received (node's `req.url`). */
  url: string;
  /** Node's lower-cased `IncomingHttpHeaders`. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What the verifier needs from its caller. */
export interface VerifyOptions {
  /** The credential-scope service name clients must sign for, e.g. `"ssm"`. */
  service: string;
  now: Date;
  /** The secret access key of an access key id, or undefined when the key is unknown. */
  lookupSecret(accessKeyId: string): Promise<string | undefined>;
  /** Allowed distance between `X-Amz-Date` and `now`; AWS's 900 seconds by default. */
  maxSkewSeconds?: number;
}

/** The authenticated caller. */
export interface VerifiedCaller {
  accessKeyId: string;
  /** The region from the credential scope. */
  region: string;
  /** The client's SignedHeaders, lower-case. */
  signedHeaders: string[];
}

const CONTENT_SHA256 = "x-amz-content-sha256";
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const PRESIGN_PARAMS = ["x-amz-signature", "x-amz-credential", "x-amz-algorithm"];

/**
 * Authenticates a SigV4-signed request (Authorization header form) or throws an `SsmError`:
 * `MissingAuthenticationToken`, `IncompleteSignature`, `UnrecognizedClientException` or
 * `InvalidSignatureException`, worded as AWS words them.
 */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<VerifiedCaller> {
  const target = splitTarget(req.url);
  const authorization = single(req.headers.authorization);
  if (authorization === undefined || authorization.trim() === "") {
    if (Object.keys(target.query).some((name) => PRESIGN_PARAMS.includes(name.toLowerCase()))) {
      throw new SsmError(
        "IncompleteSignatureException",
        "Query-string (presigned) authentication is not supported; sign the request with an Authorization header.",
      );
    }
    throw new SsmError("MissingAuthenticationTokenException", "Request is missing Authentication Token");
  }
  const auth = parseAuthorization(authorization);
  const amzDate = single(req.headers["x-amz-date"]);
  const signingDate = checkHeaders(auth, amzDate, authorization);
  checkScope(auth, amzDate!, opts.service);
  assertWithinSkew(signingDate, opts.now, opts.maxSkewSeconds ?? 900);

  const secret = await opts.lookupSecret(auth.accessKeyId);
  if (secret === undefined) {
    throw new SsmError("UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  const bodyHash = createHash("sha256").update(req.body).digest("hex");
  const signsHash = auth.signedHeaders.includes(CONTENT_SHA256);
  if (signsHash && single(req.headers[CONTENT_SHA256]) !== bodyHash) {
    throw new SsmError(
      "InvalidSignatureException",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = joined(req.headers[name]);
  // The signer trusts a payload hash found in the headers, so it must be ours, never the client's.
  headers[CONTENT_SHA256] = bodyHash;

  const signer = new SignatureV4({
    applyChecksum: false,
    uriEscapePath: true,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret },
    region: auth.scope.region,
    service: auth.scope.service,
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: req.method,
    hostname: "",
    path: target.path,
    query: target.query,
    headers,
    body: req.body,
  });
  // signableHeaders lifts the signer's "never sign" list for headers the client did sign; the
  // payload hash we added stays out of the canonical request unless the client signed it.
  const signed = await signer.sign(request, {
    signingDate,
    signableHeaders: new Set(auth.signedHeaders),
    ...(signsHash ? {} : { unsignableHeaders: new Set([CONTENT_SHA256]) }),
  });
  const expected = /Signature=([0-9a-f]+)/.exec(single(signed.headers.authorization) ?? "")?.[1] ?? "";
  if (!sameSignature(expected, auth.signature)) {
    throw new SsmError("InvalidSignatureException", SIGNATURE_MISMATCH);
  }
  return { accessKeyId: auth.accessKeyId, region: auth.scope.region, signedHeaders: auth.signedHeaders };
}

/** Checks the headers SigV4 requires to be present and signed; returns the parsed X-Amz-Date. */
function checkHeaders(auth: ParsedAuthorization, amzDate: string | undefined, authorization: string): Date {
  const incomplete = (problem: string) =>
    new SsmError("IncompleteSignatureException", `${problem} Authorization=${authorization}`);
  if (amzDate === undefined) throw incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
  if (!auth.signedHeaders.includes("x-amz-date")) {
    throw incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!auth.signedHeaders.includes("host")) {
    throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  // The signer always drops a `date` header before signing, so a signature over it cannot be checked.
  if (auth.signedHeaders.includes("date")) {
    throw incomplete("Signing the 'Date' header is not supported; sign 'X-Amz-Date' only.");
  }
  const date = signatureDate(amzDate);
  if (!date) {
    throw new SsmError(
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return date;
}

function checkScope(auth: ParsedAuthorization, amzDate: string, service: string): void {
  if (auth.scope.service !== service) {
    throw new SsmError("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'.`);
  }
  const day = amzDate.slice(0, 8);
  if (auth.scope.date !== day) {
    throw new SsmError(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${auth.scope.date}' != '${day}', from '${amzDate}'.`,
    );
  }
}

/** Constant-time comparison of two hex signatures. */
function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(provided, "utf8");
  // Lengths are not secret (a SigV4 signature is always 64 hex digits); only the content is.
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Header value as the client signed it: repeated values joined by commas, absent as empty. */
function joined(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}
