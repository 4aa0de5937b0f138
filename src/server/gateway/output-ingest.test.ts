import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import type { BusMessage } from "../../core/ports/bus.ts";
import type { Store } from "../../core/ports/store.ts";
import { FilesystemOutputStore } from "../../outputs/filesystem/filesystem-output-store.ts";
import type { OutputMessage, ServerMessage } from "../../protocol/agent/messages.ts";
import { aCommand, anInvocation, nodeId } from "../../store/contract/fixtures.ts";
import { OutputIngest } from "./output-ingest.ts";

const MINE = "11111111-2222-3333-4444-555555555555";
const OTHERS = "99999999-2222-3333-4444-555555555555";
const NODE = nodeId(1);
const KEY = `logs/${MINE}/${NODE}/awsrunShellScript/0.awsrunShellScript`;

/** A store that knows one released invocation of NODE (MINE) and one of another node (OTHERS). */
const store = {
  async getInvocation(commandId: string, instanceId: string) {
    if (commandId === MINE && instanceId === NODE) return anInvocation(MINE, NODE, 0, { releasedAt: 1 });
    if (commandId === OTHERS && instanceId === nodeId(2)) return anInvocation(OTHERS, nodeId(2), 0, { releasedAt: 1 });
    return undefined;
  },
  async getCommand(commandId: string) {
    return aCommand(commandId, { outputS3BucketName: "", outputS3KeyPrefix: "logs" });
  },
} as unknown as Store;

function chunk(offset: number, text: string | Buffer, commandId = MINE): OutputMessage {
  return {
    type: "output",
    commandId,
    step: "0.aws:runShellScript",
    action: "aws:runShellScript",
    stream: "stdout",
    offset,
    data: Buffer.from(text).toString("base64"),
  };
}

describe("OutputIngest", () => {
  let dir = "";
  let outputs: FilesystemOutputStore;
  let sent: ServerMessage[];
  let live: BusMessage[];
  let audited: unknown[];
  let ingest: OutputIngest;
  const bus = new MemoryBus();
  bus.subscribe(`output.${MINE}`, (m) => live.push(m));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-ingest-"));
  });
  after(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    outputs = new FilesystemOutputStore({ root: join(dir, `o${Date.now()}${Math.random()}`), baseUrl: () => "" });
    sent = [];
    live = [];
    audited = [];
    const audit = { result: (...args: unknown[]) => audited.push(args) } as never;
    ingest = new OutputIngest({ store, bus, outputs, log: pino({ level: "silent" }), audit }, NODE, (m) =>
      sent.push(m),
    );
  });
  const settle = () => new Promise((r) => setImmediate(r));

  it("stores chunks under SSM's key, acknowledges the bytes stored and completes the object", async () => {
    await ingest.chunk(chunk(0, "hello "));
    await ingest.chunk(chunk(6, "world\n"));
    await ingest.done({ ...chunk(0, ""), type: "output-done", size: 12 } as never);
    assert.deepEqual(
      sent.map((m) => (m.type === "output-ack" ? [m.offset, m.done ?? false] : m.type)),
      [
        [6, false],
        [12, false],
        [12, true],
      ],
    );
    assert.equal(await outputs.size({ key: `${KEY}/stdout` }), 12);
  });

  it("publishes new bytes as text for live watchers, a resent chunk only once", async () => {
    await ingest.chunk(chunk(0, "line 1\n"));
    await ingest.chunk(chunk(0, "line 1\n"));
    await ingest.chunk(chunk(7, "line 2\n"));
    await settle();
    assert.deepEqual(
      live.map((m) => (m.kind === "output" ? [m.instanceId, m.step, m.stream, m.offset, m.text] : [])),
      [
        [NODE, "0.aws:runShellScript", "stdout", 0, "line 1\n"],
        [NODE, "0.aws:runShellScript", "stdout", 7, "line 2\n"],
      ],
    );
  });

  it("decodes a character split across chunks, and replaces invalid bytes", async () => {
    const euro = Buffer.from("€\n");
    await ingest.chunk(chunk(0, euro.subarray(0, 1)));
    await ingest.chunk(chunk(1, Buffer.concat([euro.subarray(1), Buffer.from([0xff, 0x0a])])));
    await settle();
    assert.equal(live.map((m) => (m.kind === "output" ? m.text : "")).join(""), "€\n\ufffd\n");
  });

  it("asks the agent to resend from what it holds when a chunk leaves a gap", async () => {
    await ingest.chunk(chunk(0, "abc"));
    await ingest.chunk(chunk(10, "xyz"));
    const last = sent.at(-1);
    assert.equal(last?.type === "output-ack" && last.rewind && last.offset, 3);
    assert.equal(await outputs.size({ key: `${KEY}/stdout` }), 3);
  });

  it("ignores and audits output for an invocation the node does not have", async () => {
    await ingest.chunk(chunk(0, "intruder", OTHERS));
    await ingest.chunk(chunk(8, "more", OTHERS));
    assert.deepEqual(sent, []);
    assert.equal(audited.length, 1);
    const key = `logs/${OTHERS}/${nodeId(2)}/awsrunShellScript/0.awsrunShellScript/stdout`;
    await assert.rejects(readFile(join(dir, key)));
    assert.equal(await outputs.size({ key: `logs/${OTHERS}/${NODE}/awsrunShellScript/0.awsrunShellScript/stdout` }), 0);
  });
});
