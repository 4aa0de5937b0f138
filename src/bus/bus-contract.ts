import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Bus, BusMessage, Subject } from "../core/ports/bus.ts";

/** Makes a fresh, open bus for one test; the suite closes it. */
export type BusFactory = () => Promise<Bus>;

const commandId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const node: Subject = "node.mi-0123456789abcdef0";

/** One of each kind, with the awkward values a codec could mangle. */
export const sampleMessages: BusMessage[] = [
  { kind: "deliver", commandId, instanceId: "mi-0123456789abcdef0" },
  { kind: "cancel", commandId, instanceId: "mi-0123456789abcdef0" },
  { kind: "disconnect", instanceId: "mi-0123456789abcdef0" },
  { kind: "command-changed", commandId },
  {
    kind: "output",
    ...{ commandId, instanceId: "mi-0123456789abcdef0", step: "aws:runShellScript", stream: "stderr" },
    offset: 24_000,
    text: 'line "one"\n\ttab, ünïcödé, emoji 🚀, backslash \\ and \u0000 NUL\n',
  },
  {
    kind: "event",
    event: {
      version: "0",
      id: "7bf73129-1428-4cd3-a780-95db273d1602",
      "detail-type": "EC2 Command Status-change Notification",
      source: "aws.ssm",
      account: "000000000000",
      time: "2024-05-01T12:00:00Z",
      region: "us-east-1",
      resources: ["arn:aws:ec2:us-east-1:000000000000:instance/mi-0123456789abcdef0"],
      detail: { "command-id": commandId, status: "Success", "requested-date-time": null, nested: { n: [1, 2.5] } },
    },
  },
];

/** Collects what a subscription receives; `next()` waits for the next message. */
class Inbox {
  readonly received: BusMessage[] = [];
  #waiters: Array<() => void> = [];

  readonly handler = (message: BusMessage): void => {
    this.received.push(message);
    for (const wake of this.#waiters.splice(0)) wake();
  };

  /** Resolves once at least `count` messages have arrived. */
  async waitFor(count: number): Promise<BusMessage[]> {
    while (this.received.length < count) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.received;
  }
}

/**
 * The Bus contract every implementation passes (ARCHITECTURE §3 rule 3). Negative checks use
 * ordering, not time: a later message on the same bus arrives after an earlier one.
 */
export function busContract(name: string, factory: BusFactory): void {
  describe(`Bus contract: ${name}`, () => {
    const open: Bus[] = [];
    const fresh = async (): Promise<Bus> => {
      const bus = await factory();
      open.push(bus);
      return bus;
    };
    before(() => {
      open.length = 0;
    });
    after(async () => {
      await Promise.all(open.map((bus) => bus.close()));
    });

    it("delivers every kind of message unchanged to a subscriber of its subject", async () => {
      const bus = await fresh();
      const inbox = new Inbox();
      bus.subscribe(`output.${commandId}`, inbox.handler);
      for (const message of sampleMessages) await bus.publish(`output.${commandId}`, message);
      assert.deepEqual(await inbox.waitFor(sampleMessages.length), sampleMessages);
    });

    it("delivers only to subscribers of the subject it was published on", async () => {
      const bus = await fresh();
      const scheduler = new Inbox();
      const events = new Inbox();
      const otherNode = new Inbox();
      bus.subscribe("scheduler", scheduler.handler);
      bus.subscribe("events", events.handler);
      bus.subscribe("node.mi-00000000000000000", otherNode.handler);
      await bus.publish(node, { kind: "disconnect", instanceId: "mi-0123456789abcdef0" });
      await bus.publish("events", { kind: "command-changed", commandId: "not-for-the-scheduler" });
      await bus.publish("scheduler", { kind: "command-changed", commandId });
      assert.deepEqual(await scheduler.waitFor(1), [{ kind: "command-changed", commandId }]);
      assert.deepEqual(await events.waitFor(1), [{ kind: "command-changed", commandId: "not-for-the-scheduler" }]);
      await bus.publish("node.mi-00000000000000000", { kind: "disconnect", instanceId: "mi-00000000000000000" });
      assert.deepEqual(await otherNode.waitFor(1), [{ kind: "disconnect", instanceId: "mi-00000000000000000" }]);
    });

    it("delivers each message to every subscriber of the subject", async () => {
      const bus = await fresh();
      const inboxes = [new Inbox(), new Inbox(), new Inbox()];
      for (const inbox of inboxes) bus.subscribe("events", inbox.handler);
      const message = sampleMessages.at(-1) as BusMessage;
      await bus.publish("events", message);
      for (const inbox of inboxes) assert.deepEqual(await inbox.waitFor(1), [message]);
    });

    it("stops delivering to a handler once it unsubscribed, and keeps delivering to the others", async () => {
      const bus = await fresh();
      const leaving = new Inbox();
      const staying = new Inbox();
      const unsubscribe = bus.subscribe(node, leaving.handler);
      bus.subscribe(node, staying.handler);
      await bus.publish(node, { kind: "deliver", commandId, instanceId: "first" });
      await leaving.waitFor(1);
      unsubscribe();
      unsubscribe();
      await bus.publish(node, { kind: "deliver", commandId, instanceId: "second" });
      await bus.publish(node, { kind: "deliver", commandId, instanceId: "third" });
      const got = await staying.waitFor(3);
      assert.deepEqual(
        got.map((m) => (m.kind === "deliver" ? m.instanceId : m.kind)),
        ["first", "second", "third"],
      );
      assert.deepEqual(leaving.received, [{ kind: "deliver", commandId, instanceId: "first" }]);
    });

    it("never runs a handler inside publish: delivery happens on a later tick", async () => {
      const bus = await fresh();
      const inbox = new Inbox();
      bus.subscribe("scheduler", inbox.handler);
      const publishing = bus.publish("scheduler", { kind: "command-changed", commandId });
      assert.equal(inbox.received.length, 0, "the handler ran synchronously inside publish");
      await publishing;
      assert.deepEqual(await inbox.waitFor(1), [{ kind: "command-changed", commandId }]);
    });

    it("close resolves, stops delivery, and a later publish neither throws nor delivers", async () => {
      const bus = await factory();
      const inbox = new Inbox();
      bus.subscribe("events", inbox.handler);
      await bus.publish("events", { kind: "command-changed", commandId: "before" });
      await inbox.waitFor(1);
      await bus.close();
      await bus.publish("events", { kind: "command-changed", commandId: "after" });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(inbox.received, [{ kind: "command-changed", commandId: "before" }]);
      await bus.close();
    });
  });
}
