import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FilesystemOutputStore } from "./filesystem/filesystem-output-store.ts";
import { OutputRouter } from "./output-router.ts";

describe("OutputRouter without an S3 endpoint", () => {
  const files = new FilesystemOutputStore({ root: "/nonexistent/outputs", baseUrl: () => "http://127.0.0.1:1" });
  const router = new OutputRouter(files, undefined);

  it("refuses a bucket, saying that no S3 endpoint is configured", async () => {
    assert.match((await router.folderProblem("my-bucket", "")) ?? "", /no S3 endpoint configured.*--s3-endpoint/);
    assert.equal(await router.bucketUsable("my-bucket"), false);
    await assert.rejects(router.write({ bucket: "b", key: "k" }, 0, Buffer.from("x")), /no S3 endpoint/);
    assert.equal(router.url({ bucket: "b", key: "k" }), "");
  });

  it("accepts a plain prefix for the data-dir store and refuses one that climbs out of it", async () => {
    assert.equal(await router.folderProblem(undefined, ""), undefined);
    assert.equal(await router.folderProblem(undefined, "team/web"), undefined);
    assert.match((await router.folderProblem(undefined, "../etc")) ?? "", /"\.\.\/etc" has an empty/);
    assert.match((await router.folderProblem("", "a//b")) ?? "", /has an empty/);
  });

  it("sends bucket-less locations to the data-dir store", () => {
    assert.equal(router.url({ key: "c/mi-1/a/s/stdout" }), "http://127.0.0.1:1/output/c/mi-1/a/s/stdout");
  });
});
