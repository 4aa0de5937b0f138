import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startNats, type ThrowawayNats } from "../../../test/support/nats.ts";
import type { BusMessage } from "../../core/ports/bus.ts";
import { busContract } from "../bus-contract.ts";
import { openBus } from "../open-bus.ts";
import { NatsBus } from "./nats-bus.ts";

let server: ThrowawayNats;
before(async () => {
  server = await startNats();
});
after(async () => {
  await server.stop();
});

busContract("nats", () => NatsBus.connect({ url: server.url }));

/** Resolves with the first message a subscription receives. */
function firstMessage(subscribe: (handler: (m: BusMessage) => void) => void): Promise<BusMessage> {
  return new Promise((resolve) => subscribe(resolve));
}

describe("NatsBus between replicas", () => {
  it("delivers a message published by one replica to a subscriber in another", async () => {
    const [a, b] = [await NatsBus.connect({ url: server.url }), await NatsBus.connect({ url: server.url })];
    try {
      const received = firstMessage((h) => b.subscribe("node.mi-0123456789abcdef0", h));
      // SUB reaches the server before this round trip ends; only then can a's publish match it.
      await roundTrip(b);
      const message: BusMessage = { kind: "deliver", commandId: "abc-123", instanceId: "mi-0123456789abcdef0" };
      await a.publish("node.mi-0123456789abcdef0", message);
      assert.deepEqual(await received, message);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("publish does not throw while the server is down, and subscriptions work again after the reconnect", async () => {
    const bus = await NatsBus.connect({ url: server.url, reconnectTimeWaitMs: 100 });
    try {
      const inbox: BusMessage[] = [];
      bus.subscribe("scheduler", (m) => inbox.push(m));
      await roundTrip(bus);
      await server.stop();
      await bus.publish("scheduler", { kind: "command-changed", commandId: "while-down" });
      await server.start();
      // The client reconnects on its own schedule: keep signalling until one arrives (the store sweeps do the same).
      while (!inbox.some((m) => m.kind === "command-changed" && m.commandId === "after")) {
        await bus.publish("scheduler", { kind: "command-changed", commandId: "after" });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await bus.close();
    }
  });

  it("openBus picks the bus from the URL and refuses other schemes", async () => {
    const nats = await openBus(server.url);
    assert.ok(nats instanceof NatsBus);
    await nats.close();
    await assert.rejects(openBus("redis://127.0.0.1:6379"), /use nats:\/\/host:port/);
  });

  it("fails fast with the URL when no NATS server answers", async () => {
    await assert.rejects(
      NatsBus.connect({ url: "nats://127.0.0.1:1" }),
      /cannot connect to the NATS bus at nats:\/\/127\.0\.0\.1:1/,
    );
  });
});

/** A message to itself: when it arrives, every earlier SUB of this bus is known to the server. */
async function roundTrip(bus: NatsBus): Promise<void> {
  const echoed = firstMessage((h) => bus.subscribe("output.round-trip", h));
  await bus.publish("output.round-trip", { kind: "command-changed", commandId: "round-trip" });
  await echoed;
}
