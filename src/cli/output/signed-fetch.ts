import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

/** AWS credentials as the SDK resolves them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One SigV4-signed HTTP request. */
export interface SignedFetchOptions {
  method?: "GET" | "POST";
  service: string;
  region: string;
  credentials: Credentials;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** Signs a request to `url` with SigV4 (Authorization header form) and sends it with fetch. */
export async function signedFetch(url: URL, options: SignedFetchOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === "" ? {} : { port: Number(url.port) }),
    path: url.pathname,
    query,
    headers: { host: url.host, ...options.headers },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const signed = await signer.sign(request);
  // fetch sets Host itself (and refuses to be given one); it sends the same value that was signed.
  const { host: _host, ...headers } = signed.headers;
  return fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
