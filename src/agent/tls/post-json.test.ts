import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ensureAutoTls } from "../../server/tls/auto-tls.ts";
import { postJson } from "./post-json.ts";

let dir: string;
let server: Server;
let url: string;
let caPem: string;
let caFingerprint: string;
let leafFingerprint: string;
/** Request bodies the server received. */
const received: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetrun-post-json-"));
  const tls = await ensureAutoTls(dir, ["localhost", "127.0.0.1"]);
  caPem = new X509Certificate(tls.cert.slice(tls.cert.indexOf("-----BEGIN", 10))).toString();
  caFingerprint = tls.caFingerprint;
  leafFingerprint = new X509Certificate(tls.cert).fingerprint256;
  server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      received.push(body);
      res.end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

describe("postJson under a server trust", () => {
  test("trusting the server's CA (--ca-file) reaches it", async () => {
    const answer = await postJson(url, "/x", '{"a":1}', { caCertificate: caPem });
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.text).echo, '{"a":1}');
  });

  test("pinning the CA or the server certificate reaches it", async () => {
    assert.equal((await postJson(url, "/x", "{}", { serverFingerprint: caFingerprint })).status, 200);
    assert.equal((await postJson(url, "/x", "{}", { serverFingerprint: leafFingerprint })).status, 200);
  });

  test("without trust settings a self-signed server is refused, saying how to trust it", async () => {
    await assert.rejects(
      postJson(url, "/x", '{"secret":"no-trust"}', {}),
      /cannot verify the TLS certificate .*--ca-file FILE or --server-fingerprint/,
    );
    assert.ok(!received.some((b) => b.includes("no-trust")), "nothing was sent");
  });

  test("a wrong fingerprint is refused before anything is sent, naming both fingerprints", async () => {
    const wrong = `${"AB:".repeat(31)}AB`;
    const error = await postJson(url, "/x", '{"secret":"wrong-pin"}', { serverFingerprint: wrong }).catch(
      (e: Error) => e,
    );
    assert.ok(error instanceof Error);
    assert.ok(error.message.includes(`expected ${wrong}`), error.message);
    assert.ok(error.message.includes(leafFingerprint), error.message);
    assert.ok(!received.some((b) => b.includes("wrong-pin")), "the request body never reached the server");
  });

  test("a CA that did not sign the server certificate is refused", async () => {
    const other = await mkdtemp(join(tmpdir(), "fleetrun-other-ca-"));
    try {
      const otherTls = await ensureAutoTls(other, ["localhost"]);
      const otherCa = otherTls.cert.slice(otherTls.cert.indexOf("-----BEGIN", 10));
      await assert.rejects(
        postJson(url, "/x", "{}", { caCertificate: otherCa }),
        /not signed by the CA given with --ca-file/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
