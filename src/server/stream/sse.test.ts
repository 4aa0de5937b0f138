import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SseParser, sseComment, sseEvent } from "./sse.ts";

describe("SSE framing", () => {
  it("frames an event as one event line and one JSON data line, ended by a blank line", () => {
    const frame = sseEvent("output", { text: "a\nb" });
    assert.equal(frame, 'event: output\ndata: {"text":"a\\nb"}\n\n');
    assert.throws(() => sseEvent("bad\nname", {}), TypeError);
  });

  it("keeps a comment on one line", () => {
    assert.equal(sseComment("heart\nbeat"), ": heart beat\n\n");
  });

  it("parses frames split anywhere, skips comments and joins multi-line data", () => {
    const text = `${sseComment("hb")}${sseEvent("output", { n: 1 })}data: x\r\ndata: y\r\n\r\nevent: end\rdata: {}\r\r\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      assert.deepEqual(
        events,
        [
          { event: "output", data: '{"n":1}' },
          { event: "message", data: "x\ny" },
          { event: "end", data: "{}" },
        ],
        `cut at ${cut}`,
      );
    }
  });
});
