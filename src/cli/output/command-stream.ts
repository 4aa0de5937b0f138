import { type SseMessage, SseParser } from "../../server/stream/sse.ts";
import { type Credentials, signedFetch } from "./signed-fetch.ts";

/** The server refused a request: the AWS error code and message it answered with. */
export class ServiceRefusal extends Error {
  override readonly name = "ServiceRefusal";
  readonly code: string;
  readonly operation: string;

  constructor(code: string, message: string, operation: string) {
    super(message);
    this.code = code;
    this.operation = operation;
  }
}

/** Where and as whom to connect. */
export interface StreamTarget {
  endpoint: string;
  region: string;
  credentials: Credentials;
  signal?: AbortSignal;
}

/**
 * Opens `GET /stream/commands/<id>?from=start` (SigV4, service `ssm`) and yields its events as
 * they arrive: `output`, `status`, then `end` (or `error`). Throws {@link ServiceRefusal} when the
 * server refuses the stream.
 */
export async function* commandEvents(target: StreamTarget, commandId: string): AsyncGenerator<SseMessage> {
  const url = new URL(`stream/commands/${encodeURIComponent(commandId)}?from=start`, withSlash(target.endpoint));
  const response = await signedFetch(url, {
    service: "ssm",
    region: target.region,
    credentials: target.credentials,
    headers: { accept: "text/event-stream" },
    ...(target.signal ? { signal: target.signal } : {}),
  });
  if (!response.ok || !response.body) throw await refusal(response, "StreamCommandOutput");
  const parser = new SseParser();
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    for (const event of parser.push(decoder.decode(chunk, { stream: true }))) yield event;
  }
}

/** The AWS error in a refused response (`{"__type","message"}`), as a {@link ServiceRefusal}. */
export async function refusal(response: Response, operation: string): Promise<ServiceRefusal> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
    const code = (body.__type ?? `HTTP${response.status}`).replace(/^.*#/, "");
    return new ServiceRefusal(code, body.message ?? body.Message ?? text, operation);
  } catch {
    return new ServiceRefusal(`HTTP${response.status}`, text.slice(0, 200) || response.statusText, operation);
  }
}

function withSlash(endpoint: string): string {
  return endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
}
