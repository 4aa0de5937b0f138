import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { ensureAutoTls, serverNames } from "./auto-tls.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetrun-auto-tls-"));
});
after(async () => rm(dir, { recursive: true, force: true }));

describe("--tls auto material", () => {
  const names = serverNames("10.1.2.3", ["fleet.example.com"], "node-7");

  test("names: the listen host, loopback, the machine name and the extras; a wildcard listen host is left out", () => {
    assert.deepEqual(names, ["10.1.2.3", "localhost", "127.0.0.1", "::1", "node-7", "fleet.example.com"]);
    assert.deepEqual(serverNames("0.0.0.0", [], "node-7"), ["localhost", "127.0.0.1", "::1", "node-7"]);
  });

  test("first start creates a 10-year CA and a server certificate it signed, keys readable by the owner only", async () => {
    const tls = await ensureAutoTls(dir, names);
    assert.equal(tls.createdCa, true);
    assert.equal(tls.caFile, join(dir, "tls", "ca.pem"));
    const ca = new X509Certificate(await readFile(tls.caFile, "utf8"));
    assert.equal(ca.ca, true);
    const years = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / (365 * 24 * 3600 * 1000);
    assert.ok(years > 9.9 && years < 10.1, `CA valid for ${years} years`);
    const server = new X509Certificate(await readFile(join(dir, "tls", "server.pem"), "utf8"));
    assert.equal(server.ca, false);
    assert.ok(server.checkIssued(ca) && server.verify(ca.publicKey), "the CA signed the server certificate");
    for (const ip of ["10.1.2.3", "127.0.0.1", "::1"]) assert.ok(server.checkIP(ip), `valid for ${ip}`);
    for (const host of ["localhost", "node-7", "fleet.example.com"])
      assert.ok(server.checkHost(host), `valid for ${host}`);
    assert.equal(server.checkHost("other.example.com"), undefined);
    assert.ok(server.checkPrivateKey(createPrivateKey(tls.key)));
    assert.ok(tls.cert.includes(ca.toString().trim()), "the chain served includes the CA");
    for (const key of ["ca-key.pem", "server-key.pem"]) {
      assert.equal((await stat(join(dir, "tls", key))).mode & 0o777, 0o600, key);
    }
  });

  test("the fingerprint is the CA's SHA-256 as openssl prints it", async () => {
    const tls = await ensureAutoTls(dir, names);
    assert.match(tls.caFingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const { stdout } = await promisify(execFile)("openssl", [
      "x509",
      "-in",
      tls.caFile,
      "-noout",
      "-fingerprint",
      "-sha256",
    ]);
    assert.equal(stdout.trim().replace(/^.*=/, ""), tls.caFingerprint);
  });

  test("a second start reuses the CA and the server certificate", async () => {
    const before = await readFile(join(dir, "tls", "server.pem"), "utf8");
    const first = await ensureAutoTls(dir, names);
    const second = await ensureAutoTls(dir, names);
    assert.equal(second.createdCa, false);
    assert.equal(second.issuedServer, false);
    assert.equal(second.caFingerprint, first.caFingerprint);
    assert.equal(await readFile(join(dir, "tls", "server.pem"), "utf8"), before);
  });

  test("a new name gets a new server certificate from the same CA (agents keep trusting it)", async () => {
    const first = await ensureAutoTls(dir, names);
    const renamed = await ensureAutoTls(dir, [...names, "new.example.com"]);
    assert.equal(renamed.issuedServer, true);
    assert.equal(renamed.caFingerprint, first.caFingerprint);
    assert.ok(new X509Certificate(renamed.cert).checkHost("new.example.com"));
  });

  test("a server certificate about to expire is renewed", async () => {
    const nearExpiry = new Date(Date.now() + 810 * 24 * 3600 * 1000);
    const renewed = await ensureAutoTls(dir, names, nearExpiry);
    assert.equal(renewed.issuedServer, true);
    assert.equal(renewed.createdCa, false);
  });
});
