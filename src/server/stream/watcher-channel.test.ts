import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { SseParser } from "./sse.ts";
import { type SseSink, WatcherChannel } from "./watcher-channel.ts";

/** A socket whose reader never reads: everything written stays queued. */
class StuckSink extends EventEmitter implements SseSink {
  written = "";
  ended = false;
  destroyed = false;
  get writableLength(): number {
    return this.written.length;
  }
  write(chunk: string): boolean {
    this.written += chunk;
    return false;
  }
  end(chunk?: string): void {
    this.written += chunk ?? "";
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit("close");
  }
}

const events = (sink: StuckSink) => new SseParser().push(sink.written);

describe("WatcherChannel", () => {
  it("drops a watcher that falls too far behind with an error event, and stops accepting events", async () => {
    const sink = new StuckSink();
    const channel = new WatcherChannel(sink, { maxBufferedBytes: 200, heartbeatMs: 60_000, lingerMs: 1 });
    let stopped = 0;
    channel.onStop(() => stopped++);
    let sent = 0;
    while (channel.send("output", { text: "0123456789" })) sent++;
    assert.ok(sent > 0 && sent < 10, `sent ${sent}`);
    assert.equal(channel.open, false);
    assert.equal(stopped, 1);
    assert.ok(sink.ended);
    const last = events(sink).at(-1);
    assert.equal(last?.event, "error");
    assert.equal(JSON.parse(last?.data ?? "{}").code, "SlowConsumer");
    await channel.closed;
    assert.ok(sink.destroyed, "the socket of a dropped watcher is cut after the linger time");
  });

  it("sends heartbeat comments while idle and stops them when the watcher goes away", async () => {
    const sink = new StuckSink();
    const channel = new WatcherChannel(sink, { maxBufferedBytes: 1 << 20, heartbeatMs: 5 });
    await new Promise((r) => setTimeout(r, 40));
    assert.match(sink.written, /^: heartbeat\n\n/);
    sink.emit("close");
    await channel.closed;
    const length = sink.written.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(sink.written.length, length);
    assert.equal(channel.send("output", {}), false);
  });

  it("finish sends the last event once and ends the stream", () => {
    const sink = new StuckSink();
    const channel = new WatcherChannel(sink, { maxBufferedBytes: 1 << 20, heartbeatMs: 60_000, lingerMs: 1 });
    channel.send("status", { status: "InProgress" });
    channel.finish("end", { status: "Success" });
    channel.finish("end", { status: "Failed" });
    assert.deepEqual(
      events(sink).map((e) => e.event),
      ["status", "end"],
    );
    sink.emit("close");
  });
});
