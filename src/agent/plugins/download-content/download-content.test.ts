import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PluginContext } from "../plugin.ts";
import { downloadContentPlugin } from "./index.ts";

const BIG = "x".repeat(5000);
let server: Server;
let base: string;
let stateDir: string;

before(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "fleetrun-download-"));
  server = createServer((req, res) => {
    if (req.url === "/files/hello%20world.txt") res.end("hello from http\n");
    else if (req.url === "/moved") res.writeHead(302, { location: "/files/hello%20world.txt" }).end();
    else if (req.url === "/big-declared") res.writeHead(200, { "content-length": BIG.length }).end(BIG);
    else if (req.url === "/big-streamed") {
      // No content-length: the limit must be enforced while streaming.
      res.writeHead(200);
      res.write(BIG.slice(0, 2500));
      res.end(BIG.slice(2500));
    } else res.writeHead(404).end("nope");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((done) => server.close(done));
  await rm(stateDir, { recursive: true, force: true });
});

function context(documents: Record<string, string> = {}): PluginContext {
  return {
    stateDir,
    commandId: randomUUID(),
    stepName: "download",
    env: {},
    signal: new AbortController().signal,
    start: "fresh",
    documents,
    depth: 0,
    runNested: () => Promise.reject(new Error("not used")),
  };
}

const plugin = downloadContentPlugin({ maxBytes: 1000 });
const http = (path: string, extra: Record<string, unknown> = {}) => ({
  sourceType: "HTTP",
  sourceInfo: { url: `${base}${path}`, allowInsecureDownload: true },
  ...extra,
});

describe("aws:downloadContent from HTTP", () => {
  it("downloads into the step directory, naming the file after the URL, following redirects", async () => {
    const ctx = context();
    const direct = await plugin(http("/files/hello%20world.txt"), ctx);
    assert.equal(direct.status, "Success", direct.message);
    const file = join(stateDir, "orchestration", ctx.commandId, "download", "hello world.txt");
    assert.equal(direct.stdout, `Content downloaded to ${file}\n`);
    assert.equal(await readFile(file, "utf8"), "hello from http\n");
    const redirected = await plugin(http("/moved", { destinationPath: "site" }), ctx);
    assert.equal(redirected.status, "Success", redirected.message);
    const relative = join(stateDir, "orchestration", ctx.commandId, "downloads", "site", "moved");
    assert.equal(await readFile(relative, "utf8"), "hello from http\n");
  });

  it("refuses bodies over the size limit, declared or streamed, and leaves no file behind", async () => {
    for (const path of ["/big-declared", "/big-streamed"]) {
      const ctx = context();
      const result = await plugin(http(path, { destinationPath: "big" }), ctx);
      assert.equal(result.status, "Failed", path);
      assert.match(result.stderr, /larger than the download limit of 1000 bytes/);
      const dir = join(stateDir, "orchestration", ctx.commandId, "downloads", "big");
      assert.deepEqual(existsSync(dir) ? await readdir(dir) : [], [], path);
    }
  });

  it("fails on HTTP errors, on plain http without allowInsecureDownload, and on paths leaving the downloads directory", async () => {
    const missing = await plugin(http("/missing"), context());
    assert.match(missing.stderr, /HTTP 404/);
    const insecure = await plugin({ sourceType: "HTTP", sourceInfo: { url: `${base}/files/a` } }, context());
    assert.equal(insecure.status, "Failed");
    assert.match(insecure.stderr, /allowInsecureDownload/);
    const escaping = await plugin(http("/files/hello%20world.txt", { destinationPath: "../../x" }), context());
    assert.match(escaping.stderr, /leaves the downloads directory/);
  });
});

describe("aws:downloadContent from other sources", () => {
  it("writes an attached stored document as <name>.json or <name>.yaml", async () => {
    const ctx = context({ "Greeter:2": '{"schemaVersion":"2.2"}', Lister: "schemaVersion: '2.2'\n" });
    const dir = join(stateDir, "docs");
    const json = await plugin(
      { sourceType: "SSMDocument", sourceInfo: '{"name":"Greeter","version":"2"}', destinationPath: dir },
      ctx,
    );
    assert.equal(json.status, "Success", json.message);
    assert.equal(await readFile(join(dir, "Greeter.json"), "utf8"), '{"schemaVersion":"2.2"}');
    await plugin({ sourceType: "SSMDocument", sourceInfo: { name: "Lister" }, destinationPath: dir }, ctx);
    assert.equal(await readFile(join(dir, "Lister.yaml"), "utf8"), "schemaVersion: '2.2'\n");
    const unknown = await plugin({ sourceType: "SSMDocument", sourceInfo: { name: "Nope" } }, ctx);
    assert.equal(unknown.stderr, "document Nope was not found");
  });

  it("fails GitHub and S3 sources: fleetrun's agent does not support them", async () => {
    for (const sourceType of ["GitHub", "S3"]) {
      const result = await plugin({ sourceType, sourceInfo: { path: "x" } }, context());
      assert.equal(result.status, "Failed");
      assert.match(result.stderr, new RegExp(`sourceType ${sourceType} is not supported by fleetrun's agent`));
    }
  });
});
