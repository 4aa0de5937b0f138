import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import type { OutputLocation, OutputStore } from "../../core/ports/output-store.ts";

/** What the contract needs from one implementation, read when each test runs. */
export interface OutputStoreContext {
  store(): OutputStore;
  /** A location for `key` in this store (with its bucket, if it has buckets). */
  location(key: string): OutputLocation;
}

const KEY = "prefix/11111111-2222-3333-4444-555555555555/mi-0123456789abcdef0/awsrunShellScript/0.awsrunShellScript";

/** Sends `bytes` to the store in `chunk`-sized writes, as the gateway does with an agent's frames. */
async function writeAll(store: OutputStore, at: OutputLocation, bytes: Uint8Array, chunk: number): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    await store.write(at, offset, bytes.subarray(offset, offset + chunk));
  }
}

async function readAll(store: OutputStore, at: OutputLocation): Promise<Buffer> {
  return Buffer.from(await store.read(at, 0, await store.size(at)));
}

/** The behaviour every OutputStore shares: offsets, idempotence, finish, empty streams. */
export function outputStoreContract(ctx: OutputStoreContext): void {
  describe("OutputStore contract", () => {
    it("reads an object that was never written as empty, with size 0", async () => {
      const at = ctx.location(`${KEY}/absent/stdout`);
      assert.equal(await ctx.store().size(at), 0);
      assert.equal((await ctx.store().read(at, 0, 100)).length, 0);
    });

    it("stores chunks at their offsets and reads back any range, before and after finish", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/ranges/stdout`);
      const bytes = randomBytes(200_000);
      await writeAll(store, at, bytes, 65_536);
      assert.equal(await store.size(at), bytes.length);
      assert.deepEqual(Buffer.from(await store.read(at, 70_000, 1000)), bytes.subarray(70_000, 71_000));
      await store.finish(at, bytes.length);
      assert.equal(await store.size(at), bytes.length);
      assert.deepEqual(await readAll(store, at), bytes);
      assert.deepEqual(Buffer.from(await store.read(at, 199_990, 100)), bytes.subarray(199_990));
    });

    it("keeps raw bytes exactly, invalid UTF-8 included", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/binary/stdout`);
      const bytes = Buffer.from([0xff, 0xfe, 0x00, 0xe2, 0x82, 0x0a, 0xc3]);
      await store.write(at, 0, bytes);
      await store.finish(at, bytes.length);
      assert.deepEqual(await readAll(store, at), bytes);
    });

    it("rewriting chunks after a reconnect changes nothing", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/resend/stdout`);
      const bytes = randomBytes(150_000);
      await writeAll(store, at, bytes.subarray(0, 100_000), 50_000);
      // The agent resumes from its last acknowledged offset and sends some bytes again.
      await writeAll(store, at, bytes, 50_000);
      await store.finish(at, bytes.length);
      assert.deepEqual(await readAll(store, at), bytes);
    });

    it("a chunk sent again after finish and a second finish leave the object whole", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/late/stdout`);
      const bytes = randomBytes(120_000);
      await writeAll(store, at, bytes, 40_000);
      await store.finish(at, bytes.length);
      await store.write(at, 80_000, bytes.subarray(80_000));
      await store.finish(at, bytes.length);
      assert.deepEqual(await readAll(store, at), bytes);
    });

    it("finish cuts the object to its final size (a step re-run after a reboot wrote less)", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/rerun/stdout`);
      await store.write(at, 0, Buffer.from("first run, long output\n"));
      await store.write(at, 0, Buffer.from("second\n"));
      await store.finish(at, 7);
      assert.equal((await readAll(store, at)).toString(), "second\n");
    });

    it("stores nothing for an empty stream", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/empty/stderr`);
      await store.finish(at, 0);
      assert.equal(await store.size(at), 0);
      assert.equal((await store.read(at, 0, 10)).length, 0);
    });

    it("refuses to finish an object at more bytes than it holds", async () => {
      const store = ctx.store();
      const at = ctx.location(`${KEY}/short/stdout`);
      await store.write(at, 0, Buffer.from("abc"));
      await assert.rejects(store.finish(at, 10));
    });

    it("names the object's key in its URL", () => {
      const at = ctx.location(`${KEY}/url/stdout`);
      assert.ok(ctx.store().url(at).endsWith(`/${KEY}/url/stdout`), ctx.store().url(at));
    });
  });
}
