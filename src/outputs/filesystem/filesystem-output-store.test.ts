import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { after, before, describe, it } from "node:test";
import { outputStoreContract } from "../contract/output-store-contract.ts";
import { FilesystemOutputStore } from "./filesystem-output-store.ts";

describe("FilesystemOutputStore", () => {
  let dir = "";
  let store: FilesystemOutputStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-outputs-"));
    store = new FilesystemOutputStore({ root: join(dir, "outputs"), baseUrl: () => "http://127.0.0.1:8080" });
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  outputStoreContract({ store: () => store, location: (key) => ({ key }) });

  it("keeps each object as a file at <root>/<key>", async () => {
    await store.write({ key: "c/mi-1/awsrunShellScript/0.awsrunShellScript/stdout" }, 0, Buffer.from("hi\n"));
    const file = join(dir, "outputs", "c", "mi-1", "awsrunShellScript", "0.awsrunShellScript", "stdout");
    assert.equal(await readFile(file, "utf8"), "hi\n");
  });

  it("answers URLs under the server's /output/ route", () => {
    assert.equal(store.url({ key: "p/c/mi-1/a/s/stdout" }), "http://127.0.0.1:8080/output/p/c/mi-1/a/s/stdout");
  });

  it("refuses keys that would leave its directory, and locations with a bucket", async () => {
    await assert.rejects(store.write({ key: "../escape/stdout" }, 0, Buffer.from("x")), /InvalidOutputFolder|unusable/);
    await assert.rejects(store.write({ key: "a//b" }, 0, Buffer.from("x")), /unusable/);
    await assert.rejects(store.write({ bucket: "b", key: "a/b" }, 0, Buffer.from("x")), /no buckets/);
  });

  it("streams an object for download, and knows absent ones", async () => {
    await store.write({ key: "dl/stdout" }, 0, Buffer.from("download me"));
    const download = await store.download({ key: "dl/stdout" });
    assert.equal(download?.size, 11);
    assert.equal(await text(download?.stream ?? []), "download me");
    assert.equal(await store.download({ key: "dl/none" }), undefined);
  });
});
