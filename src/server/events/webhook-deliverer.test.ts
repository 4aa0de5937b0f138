import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, type TestContext } from "node:test";
import { pino } from "pino";
import { systemClock } from "../../core/ports/clock.ts";
import { openStore } from "../../store/open-store.ts";
import { randomIds } from "../random-ids.ts";
import { type DeliveryOptions, WebhookDeliverer } from "./webhook-deliverer.ts";
import { verifyBodySignature } from "./webhook-signature.ts";

interface Received {
  body: string;
  signature: string;
  attempt: string;
}

/** A receiver on 127.0.0.1:0 that answers with `answer(n)` for the n-th request (1-based); "hang" never answers. */
async function receiver(t: TestContext, answer: (n: number, body: string) => number | "hang") {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      received.push({
        body,
        signature: String(req.headers["x-fleetrun-signature"]),
        attempt: String(req.headers["x-fleetrun-attempt"]),
      });
      const status = answer(received.length, body);
      if (status === "hang") hanging.push(res);
      else res.writeHead(status).end(status < 300 ? "thanks" : "nope");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  t.after(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function setup(t: TestContext, options: Partial<DeliveryOptions> = {}, secrets: Record<string, string> = {}) {
  const store = await openStore("sqlite::memory:");
  await store.migrate();
  const deliverer = new WebhookDeliverer({
    store,
    clock: systemClock,
    ids: randomIds,
    log: pino({ level: "silent" }),
    secretFor: async (source) => secrets[source] ?? (source === "webhook" ? "server-secret" : undefined),
    options: { baseDelayMs: 10, attemptTimeoutMs: 2000, ...options },
  });
  t.after(async () => {
    await deliverer.stop();
    await store.close();
  });
  const deliveries = async () => (await store.listDeliveries({}, { offset: 0, limit: 50 })).items.reverse();
  return { store, deliverer, deliveries };
}

describe("webhook deliveries", () => {
  it("POSTs each body once, in order, signed with the source's secret, and records it Delivered", async (t) => {
    const hook = await receiver(t, () => 200);
    const { deliverer, deliveries } = await setup(t);
    const bodies = ['{"n":1}', '{"n":2}', '{"n":3}'];
    await deliverer.enqueue(
      bodies.map((body) => ({ source: "webhook", target: "webhook:a", endpoint: hook.url, body })),
    );
    await deliverer.idle();
    assert.deepEqual(
      hook.received.map((r) => r.body),
      bodies,
    );
    for (const r of hook.received) assert.equal(verifyBodySignature("server-secret", r.body, r.signature), true);
    assert.equal(
      verifyBodySignature("another-secret", hook.received[0]?.body ?? "", hook.received[0]?.signature ?? ""),
      false,
    );
    const recorded = await deliveries();
    assert.deepEqual(
      recorded.map((d) => [d.status, d.attempts, d.lastStatus, d.response]),
      bodies.map(() => ["Delivered", 1, 200, "thanks"]),
    );
  });

  it("retries after failures and succeeds on a later attempt, keeping the order behind it", async (t) => {
    const hook = await receiver(t, (n) => (n <= 2 ? 500 : 200));
    const { deliverer, deliveries } = await setup(t);
    await deliverer.enqueue([
      { source: "webhook", target: "webhook:a", endpoint: hook.url, body: "first" },
      { source: "webhook", target: "webhook:a", endpoint: hook.url, body: "second" },
    ]);
    await deliverer.idle();
    assert.deepEqual(
      hook.received.map((r) => [r.body, r.attempt]),
      [
        ["first", "1"],
        ["first", "2"],
        ["first", "3"],
        ["second", "1"],
      ],
    );
    const [first] = await deliveries();
    assert.deepEqual([first?.status, first?.attempts, first?.lastStatus, first?.lastError], ["Delivered", 3, 200, ""]);
  });

  it("gives up after the last attempt and records the failure", async (t) => {
    const hook = await receiver(t, () => 503);
    const { deliverer, deliveries } = await setup(t, { maxAttempts: 3 });
    await deliverer.enqueue([{ source: "webhook", target: "webhook:a", endpoint: hook.url, body: "x" }]);
    await deliverer.idle();
    assert.equal(hook.received.length, 3);
    const [only] = await deliveries();
    assert.deepEqual([only?.status, only?.attempts, only?.lastStatus, only?.lastError], ["Failed", 3, 503, "HTTP 503"]);
  });

  it("records an unreachable endpoint's error", async (t) => {
    const { deliverer, deliveries } = await setup(t, { maxAttempts: 1 });
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await deliverer.enqueue([
      { source: "webhook", target: "webhook:x", endpoint: `http://127.0.0.1:${port}/`, body: "x" },
    ]);
    await deliverer.idle();
    const [only] = await deliveries();
    assert.equal(only?.status, "Failed");
    assert.equal(only?.lastStatus, 0);
    assert.match(only?.lastError ?? "", /ECONNREFUSED/);
  });

  it("lets a hanging endpoint hold up only its own target, and times its attempt out", async (t) => {
    const slow = await receiver(t, () => "hang");
    const fast = await receiver(t, () => 204);
    const { deliverer, deliveries } = await setup(t, { maxAttempts: 1, attemptTimeoutMs: 300 });
    await deliverer.enqueue([
      { source: "webhook", target: "webhook:slow", endpoint: slow.url, body: "s1" },
      { source: "webhook", target: "webhook:slow", endpoint: slow.url, body: "s2" },
      { source: "webhook", target: "webhook:fast", endpoint: fast.url, body: "f1" },
    ]);
    while (fast.received.length === 0) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(
      slow.received.map((r) => r.body),
      ["s1"],
      "the second waits behind the first",
    );
    await deliverer.idle();
    const byBody = new Map((await deliveries()).map((d) => [d.body, d]));
    assert.equal(byBody.get("f1")?.status, "Delivered");
    assert.equal(byBody.get("s1")?.status, "Failed");
    assert.match(byBody.get("s1")?.lastError ?? "", /no answer within 300 ms/);
  });

  it("fails deliveries whose source lost its secret (topic or rule deleted)", async (t) => {
    const hook = await receiver(t, () => 200);
    const { deliverer, deliveries } = await setup(t, {}, { "topic:ops": "topic-secret" });
    await deliverer.enqueue([
      { source: "topic:ops", target: "subscription:1", endpoint: hook.url, body: "kept" },
      { source: "topic:gone", target: "subscription:2", endpoint: hook.url, body: "lost" },
    ]);
    await deliverer.idle();
    assert.deepEqual(
      hook.received.map((r) => r.body),
      ["kept"],
    );
    assert.equal(verifyBodySignature("topic-secret", "kept", hook.received[0]?.signature ?? ""), true);
    const byBody = new Map((await deliveries()).map((d) => [d.body, d]));
    assert.equal(byBody.get("lost")?.status, "Failed");
    assert.match(byBody.get("lost")?.lastError ?? "", /topic:gone no longer exists/);
  });

  it("leaves deliveries Pending when stopped, and a new deliverer resumes them in order", async (t) => {
    const hook = await receiver(t, (n) => (n === 1 ? "hang" : 200));
    const store = await openStore("sqlite::memory:");
    t.after(() => store.close());
    await store.migrate();
    const make = () =>
      new WebhookDeliverer({
        store,
        clock: systemClock,
        ids: randomIds,
        log: pino({ level: "silent" }),
        secretFor: async () => "s",
        options: { baseDelayMs: 10 },
      });
    const first = make();
    await first.enqueue(["a", "b"].map((body) => ({ source: "webhook", target: "w", endpoint: hook.url, body })));
    while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 10));
    await first.stop();
    const pending = await store.pendingDeliveries(10);
    assert.deepEqual(
      pending.map((d) => [d.body, d.attempts]),
      [
        ["a", 0],
        ["b", 0],
      ],
    );
    const second = make();
    assert.equal(await second.resume(), 2);
    await second.idle();
    await second.stop();
    assert.deepEqual(
      hook.received.map((r) => r.body),
      ["a", "a", "b"],
    );
    assert.deepEqual(await store.pendingDeliveries(10), []);
  });

  it("fails new deliveries at once when a target's queue is full", async (t) => {
    const hook = await receiver(t, () => "hang");
    const { deliverer } = await setup(t, { laneCapacity: 2, maxAttempts: 1 });
    const items = ["1", "2", "3"].map((body) => ({ source: "webhook", target: "w", endpoint: hook.url, body }));
    const records = await deliverer.enqueue(items.slice(0, 2));
    const [third] = await deliverer.enqueue(items.slice(2));
    assert.deepEqual(
      records.map((r) => r.status),
      ["Pending", "Pending"],
    );
    assert.equal(third?.status, "Failed");
    assert.match(third?.lastError ?? "", /queue full/);
  });
});
