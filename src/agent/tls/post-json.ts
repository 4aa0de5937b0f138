import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkServerUrl, type ServerTrust } from "./server-trust.ts";
import { describeTrustFailure, TrustingAgent } from "./trusting-agent.ts";

/** An HTTP answer: status and body text. */
export interface PostResult {
  status: number;
  text: string;
}

/**
 * POSTs a JSON body to `path` on `server` under `trust` (Node's fetch cannot be given a CA).
 * Rejects with an explanation when the server's certificate is not trusted.
 */
export function postJson(server: string, path: string, body: string, trust: ServerTrust): Promise<PostResult> {
  const url = new URL(path, checkServerUrl(server, trust));
  const secure = url.protocol === "https:";
  const agent = secure ? new TrustingAgent(trust) : undefined;
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: 30_000,
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${server} within 30 s`)));
    req.on("error", (error) => {
      agent?.destroy();
      reject(new Error(describeTrustFailure(error, server, trust) ?? `cannot reach ${server}: ${error.message}`));
    });
    req.on("close", () => agent?.destroy());
    req.end(body);
  });
}
