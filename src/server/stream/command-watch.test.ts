import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import type { FleetEvent } from "../../core/events/fleet-event.ts";
import type { CommandRecord, InvocationRecord } from "../../core/model.ts";
import type { Page } from "../../core/ports/store.ts";
import { aCommand, anInvocation, aPluginResult } from "../../store/contract/fixtures.ts";
import { type EventChannel, watchCommand } from "./command-watch.ts";
import { invocationContentReplay } from "./replay-source.ts";

const CMD = "11111111-2222-3333-4444-555555555555";
const A = "mi-0000000000000000a";
const B = "mi-0000000000000000b";

/** A channel that records what a watcher would read. */
class RecordingChannel implements EventChannel {
  readonly events: Array<{ name: string; data: Record<string, unknown> }> = [];
  open = true;
  readonly #stops: Array<() => void> = [];
  readonly ended: Promise<void>;
  #resolve!: () => void;
  constructor() {
    this.ended = new Promise((r) => {
      this.#resolve = r;
    });
  }
  send(name: string, data: unknown): boolean {
    if (this.open) this.events.push({ name, data: data as Record<string, unknown> });
    return this.open;
  }
  finish(name: string, data: unknown): void {
    if (!this.open) return;
    this.send(name, data);
    this.open = false;
    for (const stop of this.#stops) stop();
    this.#resolve();
  }
  onStop(handler: () => void): void {
    this.#stops.push(handler);
  }
  named(name: string) {
    return this.events.filter((e) => e.name === name).map((e) => e.data);
  }
}

/** A store holding one command whose status a test changes. */
function fakeStore(command: CommandRecord, invocations: InvocationRecord[]) {
  return {
    command,
    invocations,
    async getCommand(id: string) {
      return id === this.command.commandId ? this.command : undefined;
    },
    async listInvocations(): Promise<Page<InvocationRecord>> {
      return { items: this.invocations, more: false };
    },
  };
}

function invocationEvent(instanceId: string, status: string): FleetEvent {
  return {
    version: "0",
    id: "e1",
    "detail-type": "EC2 Command Invocation Status-change Notification",
    source: "aws.ssm",
    account: "000000000000",
    time: new Date().toISOString(),
    region: "us-east-1",
    resources: [],
    detail: { "command-id": CMD, "instance-id": instanceId, status },
  };
}

const output = (instanceId: string, offset: number, text: string) =>
  ({ kind: "output", commandId: CMD, instanceId, step: "run", stream: "stdout", offset, text }) as const;

describe("watchCommand", () => {
  it("streams readable nodes' output once, their status changes, and ends when the command does", async () => {
    const bus = new MemoryBus();
    const store = fakeStore(aCommand(CMD, { status: "InProgress", statusDetails: "InProgress" }), [
      anInvocation(CMD, A, 0, { status: "InProgress", statusDetails: "InProgress" }),
      anInvocation(CMD, B, 1, { status: "InProgress", statusDetails: "InProgress" }),
    ]);
    const channel = new RecordingChannel();
    const deps = { bus, store, replay: invocationContentReplay, pollMs: 5, endGraceMs: 5 };
    await watchCommand(deps, channel, {
      command: store.command,
      invocations: store.invocations,
      allowed: new Set([A]),
      fromStart: false,
    });
    await bus.publish(`output.${CMD}`, output(A, 0, "one\n"));
    await bus.publish(`output.${CMD}`, output(B, 0, "secret\n"));
    await bus.publish(`output.${CMD}`, output(A, 0, "one\n"));
    await bus.publish(`output.${CMD}`, output(A, 4, "two\n"));
    await bus.publish("events", { kind: "event", event: invocationEvent(A, "Success") });
    await bus.publish("events", { kind: "event", event: invocationEvent(B, "Failed") });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(channel.open, true, "no end while the command runs");
    store.command = { ...store.command, status: "Success", statusDetails: "Success" };
    await channel.ended;

    assert.deepEqual(
      channel.named("output").map((d) => d.text),
      ["one\n", "two\n"],
    );
    assert.ok(channel.named("output").every((d) => d.instanceId === A && d.step === "run" && d.stream === "stdout"));
    assert.deepEqual(
      channel.named("status").map((d) => `${d.instanceId ?? "command"}:${d.status}`),
      ["command:InProgress", `${A}:InProgress`, `${A}:Success`, "command:Success"],
    );
    assert.deepEqual(channel.events.at(-1), { name: "end", data: { status: "Success", statusDetails: "Success" } });
    await bus.publish(`output.${CMD}`, output(A, 8, "late\n"));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(channel.named("output").length, 2, "nothing is sent after the end");
  });

  it("replays stored output first, then sends only the live bytes beyond it, and ends a finished command", async () => {
    const bus = new MemoryBus();
    const done = { status: "Success", statusDetails: "Success" } as const;
    const store = fakeStore(aCommand(CMD, done), [
      anInvocation(CMD, A, 0, {
        ...done,
        plugins: [aPluginResult({ name: "run", stdout: "one\ntwo\n", stderr: "w\n" })],
      }),
    ]);
    const channel = new RecordingChannel();
    const watching = watchCommand(
      { bus, store, replay: invocationContentReplay, pollMs: 1000, endGraceMs: 30 },
      channel,
      { command: store.command, invocations: store.invocations, allowed: new Set([A]), fromStart: true },
    );
    await bus.publish(`output.${CMD}`, output(A, 4, "two\nthree\n"));
    await watching;
    await channel.ended;
    assert.deepEqual(
      channel.named("output").map((d) => `${d.stream}:${d.text}`),
      ["stdout:one\ntwo\n", "stderr:w\n", "stdout:three\n"],
    );
    assert.equal(channel.events.at(-1)?.name, "end");
  });
});
