import type { IncomingHttpHeaders } from "node:http";
import type { Clock } from "../../core/ports/clock.ts";
import { verifySigV4 } from "../auth/sigv4.ts";
import type { Caller } from "../http/aws-protocol.ts";

/** The same credentials callback the API edge uses. */
export type CredentialsLookup = (
  accessKeyId: string,
) => Promise<{ secretAccessKey: string; userName: string } | undefined>;

/** A body-less request as the route received it. */
export interface UnsignedView {
  method: string;
  /** Raw path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  sourceIp: string;
  secure: boolean;
}

/**
 * Authenticates a body-less request (a signed GET) with SigV4 for `service`, as the API edge
 * authenticates `POST /`: same errors, same clock skew, same credentials.
 */
export async function authenticateRequest(
  request: UnsignedView,
  deps: { clock: Clock; credentials: CredentialsLookup },
  service: string,
): Promise<Caller> {
  let userName = "";
  const verified = await verifySigV4(
    { method: request.method, url: request.url, headers: request.headers, body: Buffer.alloc(0) },
    {
      service,
      now: new Date(deps.clock.now()),
      lookupSecret: async (accessKeyId) => {
        const found = await deps.credentials(accessKeyId);
        userName = found?.userName ?? "";
        return found?.secretAccessKey;
      },
    },
  );
  return {
    accessKeyId: verified.accessKeyId,
    userName,
    sourceIp: request.sourceIp,
    secureTransport: request.secure,
  };
}
