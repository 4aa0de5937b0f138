import assert from "node:assert/strict";
import { test } from "node:test";
import { ProgressDisplay } from "./progress-display.ts";

const counts = (done: number) => ({ total: 2, done, failed: 0, pending: 2 - done });

test("on a terminal the line is redrawn in place and ended with a newline", () => {
  const written: string[] = [];
  const display = new ProgressDisplay({ isTTY: true, columns: 80, write: (t: string) => written.push(t) });
  display.update(counts(0));
  display.update(counts(1));
  display.finish();
  assert.equal(written.length, 3);
  const clear = "\r\u001b[2K";
  assert.ok(written[0]?.startsWith(`${clear}[`), written[0]);
  assert.ok(written[1]?.startsWith(`${clear}[`), written[1]);
  assert.match(written[0] ?? "", /\[\.+\] 0\/2 done/);
  assert.match(written[1] ?? "", /\[#+\.+\] 1\/2 done/);
  assert.equal(written[2], "\n");
});

test("elsewhere it writes plain lines, only when the counts change", () => {
  const written: string[] = [];
  const display = new ProgressDisplay({ write: (t: string) => written.push(t) });
  display.update(counts(0));
  display.update(counts(0));
  display.update(counts(1));
  display.finish();
  assert.equal(written.length, 2);
  for (const line of written) assert.match(line, /^\[[#.]+\] \d\/2 done · 0 failed · \d pending · \d+s\n$/);
});
