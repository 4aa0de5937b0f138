import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { pino } from "pino";
import type { AgentMessage, OutputAckMessage } from "../../protocol/agent/messages.ts";
import { OutputUploader } from "./output-uploader.ts";
import { readUploadState, type StepUpload, writeUploadState } from "./upload-state.ts";
import type { UploadTransport } from "./upload-transport.ts";

const COMMAND = "11111111-2222-3333-4444-555555555555";

/** A connection whose far end stores chunks like the server does and answers with acks. */
class FakeServer implements UploadTransport {
  ready = true;
  bufferedAmount = 0;
  /** Acks are held back while false (a slow server). */
  acking = true;
  readonly frames: AgentMessage[] = [];
  readonly objects = new Map<string, Buffer>();
  readonly finished = new Map<string, number>();
  readonly #held: OutputAckMessage[] = [];
  uploader: OutputUploader | undefined;

  send(message: AgentMessage): boolean {
    if (!this.ready) return false;
    this.frames.push(message);
    if (message.type === "output") {
      const key = `${message.step}/${message.stream}`;
      const held = this.objects.get(key) ?? Buffer.alloc(0);
      const bytes = Buffer.from(message.data, "base64");
      const next = Buffer.alloc(Math.max(held.length, message.offset + bytes.length));
      held.copy(next);
      bytes.copy(next, message.offset);
      this.objects.set(key, next);
      const { commandId, step, stream } = message;
      this.#ack({ type: "output-ack", commandId, step, stream, offset: message.offset + bytes.length });
    } else if (message.type === "output-done") {
      const { commandId, step, stream, size } = message;
      this.finished.set(`${step}/${stream}`, size);
      this.#ack({ type: "output-ack", commandId, step, stream, offset: size, done: true });
    }
    return true;
  }

  release(): void {
    for (const ack of this.#held.splice(0)) this.uploader?.onAck(ack);
  }

  #ack(ack: OutputAckMessage): void {
    if (!this.acking) {
      this.#held.push(ack);
      return;
    }
    setImmediate(() => this.uploader?.onAck(ack));
  }

  chunks(): Extract<AgentMessage, { type: "output" }>[] {
    return this.frames.filter((f) => f.type === "output");
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("OutputUploader", () => {
  let stateDir = "";
  let server: FakeServer;
  let uploader: OutputUploader;
  const log = pino({ level: "silent" });
  const step = (name: string): StepUpload => ({
    commandId: COMMAND,
    step: name,
    action: "aws:runShellScript",
    dir: join(stateDir, "orchestration", COMMAND, name.replaceAll(":", "-")),
  });
  const startUploader = async () => {
    uploader = new OutputUploader(stateDir, server, log);
    server.uploader = uploader;
    await uploader.start();
  };

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), "fleetrun-upload-"));
    server = new FakeServer();
    await startUploader();
  });
  afterEach(async () => {
    await uploader.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("uploads a finished step's files byte-exact in chunks of at most 64 KiB, then completes both objects", async () => {
    const s = step("0.aws:runShellScript");
    await uploader.begin(s, "fresh");
    const stdout = randomBytes(300_000);
    await writeFile(join(s.dir, "stdout"), stdout);
    await writeFile(join(s.dir, "stderr"), "oops\n");
    await uploader.end(s, { stdout: "", stderr: "" });
    await until("both objects completed", () => server.finished.size === 2);
    assert.ok(server.objects.get("0.aws:runShellScript/stdout")?.equals(stdout));
    assert.equal(server.objects.get("0.aws:runShellScript/stderr")?.toString(), "oops\n");
    assert.equal(server.finished.get("0.aws:runShellScript/stdout"), stdout.length);
    assert.ok(server.chunks().every((c) => Buffer.from(c.data, "base64").length <= 64 * 1024));
    await until("the completions recorded in the step directory", async () => {
      const done = (await readUploadState(s.dir))?.done;
      return done?.stdout === true && done.stderr === true;
    });
  });

  it("sends output while the step still runs", async () => {
    const s = step("live");
    await uploader.begin(s, "fresh");
    await writeFile(join(s.dir, "stdout"), "line 1\n");
    await until("the first line sent", () => server.objects.get("live/stdout")?.toString() === "line 1\n");
    await appendFile(join(s.dir, "stdout"), "line 2\n");
    await until("the second line sent", () => server.objects.get("live/stdout")?.toString() === "line 1\nline 2\n");
    assert.equal(server.finished.size, 0, "nothing is completed before the step ends");
  });

  it("keeps at most 1 MiB unacknowledged and holds frames while the socket buffer is full", async () => {
    server.acking = false;
    const s = step("window");
    await uploader.begin(s, "fresh");
    await writeFile(join(s.dir, "stdout"), randomBytes(5 * 1024 * 1024));
    await uploader.end(s, { stdout: "", stderr: "" });
    await until("the window filled", () => server.chunks().length >= 16);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.chunks().length, 16, "1 MiB in flight is 16 chunks of 64 KiB");
    server.bufferedAmount = 2 * 1024 * 1024;
    server.release();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.chunks().length, 16, "nothing is queued on a full socket");
    server.acking = true;
    server.bufferedAmount = 0;
    await until("the rest sent", () => server.finished.size === 2, 20_000);
    assert.equal(server.objects.get("window/stdout")?.length, 5 * 1024 * 1024);
  });

  it("after a restart resumes from the acknowledged offset recorded in the step directory", async () => {
    await uploader.stop();
    const s = step("resume");
    await mkdir(s.dir, { recursive: true });
    const bytes = randomBytes(200_000);
    await writeFile(join(s.dir, "stdout"), bytes);
    await writeFile(join(s.dir, "stderr"), "");
    // The document's progress file sits beside its step directories.
    await writeFile(join(stateDir, "orchestration", COMMAND, "progress.json"), "{}");
    await writeUploadState(s.dir, {
      commandId: COMMAND,
      step: "resume",
      action: "aws:runShellScript",
      final: true,
      acked: { stdout: 131_072, stderr: 0 },
      done: { stdout: false, stderr: false },
    });
    server = new FakeServer();
    server.objects.set("resume/stdout", bytes.subarray(0, 131_072));
    await startUploader();
    await until("both completed", () => server.finished.size === 2);
    assert.equal(server.chunks()[0]?.offset, 131_072);
    assert.ok(server.objects.get("resume/stdout")?.equals(bytes));
    assert.equal(server.finished.get("resume/stderr"), 0);
  });

  it("sends again from the offset the server asks for when it lost bytes", async () => {
    const s = step("rewind");
    await uploader.begin(s, "fresh");
    const bytes = randomBytes(100_000);
    await writeFile(join(s.dir, "stdout"), bytes);
    await until("all sent", () => server.objects.get("rewind/stdout")?.length === bytes.length);
    server.objects.set("rewind/stdout", bytes.subarray(0, 10_000));
    server.frames.length = 0;
    uploader.onAck({
      type: "output-ack",
      commandId: COMMAND,
      step: "rewind",
      stream: "stdout",
      offset: 10_000,
      rewind: true,
    });
    await uploader.end(s, { stdout: "", stderr: "" });
    await until("completed", () => server.finished.size === 2);
    assert.equal(server.chunks()[0]?.offset, 10_000);
    assert.ok(server.objects.get("rewind/stdout")?.equals(bytes));
  });

  it("resends unacknowledged chunks after a reconnect", async () => {
    server.acking = false;
    const s = step("reconnect");
    await uploader.begin(s, "fresh");
    await writeFile(join(s.dir, "stdout"), randomBytes(100_000));
    await until("chunks sent", () => server.chunks().length === 2);
    server.frames.length = 0;
    server.acking = true;
    uploader.onReady();
    await until("chunks sent again", () => server.chunks().length >= 2);
    assert.equal(server.chunks()[0]?.offset, 0);
  });

  it("stores a step that ran no process with the output its result reports", async () => {
    const s = step("download");
    await uploader.end(s, { stdout: "Content downloaded to /tmp/x\n", stderr: "" });
    await until("completed", () => server.finished.size === 2);
    assert.equal(server.objects.get("download/stdout")?.toString(), "Content downloaded to /tmp/x\n");
    assert.equal(server.finished.get("download/stderr"), 0);
    assert.equal(await readFile(join(s.dir, "stdout"), "utf8"), "Content downloaded to /tmp/x\n");
  });
});
