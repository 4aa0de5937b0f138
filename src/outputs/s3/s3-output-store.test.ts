import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { outputStoreContract } from "../contract/output-store-contract.ts";
import { createS3Client } from "./s3-client.ts";
import { S3OutputStore } from "./s3-output-store.ts";

const BUCKET = "fleet-out";
const MiB = 1024 * 1024;

describe("S3OutputStore (against s3rver)", () => {
  let dir = "";
  let server: S3rver;
  let client: S3Client;
  let endpoint = "";
  let store: S3OutputStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-s3-"));
    server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      directory: join(dir, "s3"),
      silent: true,
      configureBuckets: [{ name: BUCKET }],
    });
    const address = await server.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    const env = { FLEETRUN_S3_ACCESS_KEY_ID: "S3RVER", FLEETRUN_S3_SECRET_ACCESS_KEY: "S3RVER" };
    client = createS3Client({ endpoint, region: "us-east-1", forcePathStyle: true }, env);
    store = new S3OutputStore({
      client,
      endpoint,
      forcePathStyle: true,
      stagingDir: join(dir, "staging"),
      multipartThreshold: 6 * MiB,
      partBytes: 5 * MiB,
    });
  });
  after(async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  outputStoreContract({ store: () => store, location: (key) => ({ bucket: BUCKET, key }) });

  async function object(key: string): Promise<Buffer | undefined> {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if ((error as Error).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  it("makes the object visible in the bucket only once finished, and clears its staging file", async () => {
    const own = join(dir, "own-staging");
    const fresh = new S3OutputStore({ client, endpoint, forcePathStyle: true, stagingDir: own });
    const at = { bucket: BUCKET, key: "cmd/mi-1/awsrunShellScript/0.awsrunShellScript/stdout" };
    await fresh.write(at, 0, Buffer.from("hello "));
    await fresh.write(at, 6, Buffer.from("world\n"));
    assert.equal(await object(at.key), undefined);
    assert.equal((await readdir(own)).length, 1);
    await fresh.finish(at, 12);
    assert.equal((await object(at.key))?.toString(), "hello world\n");
    assert.deepEqual(await readdir(own), []);
  });

  it("uploads an object above the threshold in parts, byte-exact", async () => {
    const at = { bucket: BUCKET, key: "cmd/mi-1/big/stdout" };
    const bytes = randomBytes(13 * MiB);
    for (let offset = 0; offset < bytes.length; offset += MiB) {
      await store.write(at, offset, bytes.subarray(offset, offset + MiB));
    }
    await store.finish(at, bytes.length);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: at.key }));
    assert.equal(head.ContentLength, bytes.length);
    assert.ok((await object(at.key))?.equals(bytes));
  });

  it("does not upload an empty stream", async () => {
    const at = { bucket: BUCKET, key: "cmd/mi-1/quiet/stderr" };
    await store.finish(at, 0);
    assert.equal(await object(at.key), undefined);
  });

  it("builds path-style and virtual-hosted URLs", () => {
    const at = { bucket: BUCKET, key: "p/c/mi-1/a/s/stdout" };
    assert.equal(store.url(at), `${endpoint}/${BUCKET}/p/c/mi-1/a/s/stdout`);
    const hosted = new S3OutputStore({
      client,
      endpoint: "https://s3.example.com",
      forcePathStyle: false,
      stagingDir: "/x",
    });
    assert.equal(hosted.url(at), `https://${BUCKET}.s3.example.com/p/c/mi-1/a/s/stdout`);
  });

  it("says whether a bucket can be used, naming a missing one", async () => {
    assert.equal(await store.bucketUsable(BUCKET), true);
    assert.equal(await store.bucketUsable("no-such-bucket"), false);
    assert.match((await store.bucketProblem("no-such-bucket")) ?? "", /no-such-bucket does not exist/);
  });
});
