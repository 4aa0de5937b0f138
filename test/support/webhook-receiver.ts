/** A webhook receiver for tests: node:http on 127.0.0.1:0, recording every request it gets. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as received. */
export interface ReceivedRequest {
  path: string;
  body: string;
  headers: IncomingMessage["headers"];
  /** Whether the receiver answered it (false while a hanging request is held open). */
  answered: boolean;
}

/** What the receiver answers to the n-th request (1-based) on a path: an HTTP status, or "hang". */
export type Answer = (path: string, n: number) => number | "hang";

/** A running receiver. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT` */
  url: string;
  received: ReceivedRequest[];
  /** The requests to one path, in arrival order. */
  on(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a receiver; by default it answers 200 to everything. */
export async function startWebhookReceiver(answer: Answer = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const path = req.url ?? "/";
      const entry: ReceivedRequest = { path, body, headers: req.headers, answered: false };
      received.push(entry);
      const status = answer(path, received.filter((r) => r.path === path).length);
      if (status === "hang") {
        held.push(res);
        return;
      }
      entry.answered = true;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "try again");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
