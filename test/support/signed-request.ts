/** Raw, correctly signed AWS requests, for tests that send what the SDK would refuse to. */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

/** Signs and POSTs `body` to `endpoint` with the given headers; returns status, headers and text. */
export async function signedPost(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  headers: Record<string, string>,
  body: string | Uint8Array,
  service = "ssm",
): Promise<{ status: number; contentType: string; text: string }> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service, region: "us-east-1", credentials, sha256: Sha256, applyChecksum: false });
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    headers: { host: url.host, ...headers },
    body,
  });
  const signed = await signer.sign(request);
  const { host: _host, ...sent } = signed.headers;
  const response = await fetch(`${endpoint}/`, { method: "POST", headers: sent, body });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}
