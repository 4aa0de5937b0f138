import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cutAtCodeUnits, readOutputPrefix } from "./output-prefix.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetrun-prefix-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("a missing file reads as empty", async () => {
  assert.deepEqual(await readOutputPrefix(join(dir, "nope"), 10), { text: "", bytes: 0 });
});

test("reads the whole of a short file and reports its size", async () => {
  const path = join(dir, "short");
  await writeFile(path, "héllo");
  assert.deepEqual(await readOutputPrefix(path, 10), { text: "héllo", bytes: 6 });
});

test("cuts 3-byte characters at the limit even when the read window ends inside one", async () => {
  const path = join(dir, "euro");
  await writeFile(path, "€".repeat(100));
  const prefix = await readOutputPrefix(path, 10);
  assert.equal(prefix.text, "€".repeat(10));
  assert.equal(prefix.bytes, 300);
});

test("invalid UTF-8 bytes become replacement characters instead of failing", async () => {
  const path = join(dir, "binary");
  await writeFile(path, Buffer.from([0x61, 0xff, 0x62]));
  assert.equal((await readOutputPrefix(path, 10)).text, "a\ufffdb");
});

test("cutAtCodeUnits drops a high surrogate whose pair would be cut", () => {
  assert.equal(cutAtCodeUnits("ab", 5), "ab");
  assert.equal(cutAtCodeUnits("a😀b", 2), "a");
  assert.equal(cutAtCodeUnits("a😀b", 3), "a😀");
});
