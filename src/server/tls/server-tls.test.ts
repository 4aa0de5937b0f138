import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createCertificateAuthority, issueServerCertificate } from "./certificate-issuer.ts";
import { loadServerTls } from "./server-tls.ts";

let dir: string;
let certFile: string;
let keyFile: string;
let otherKeyFile: string;
let leafFingerprint: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetrun-server-tls-"));
  const ca = await createCertificateAuthority("operator CA");
  const server = await issueServerCertificate(ca, ["fleet.example.com"]);
  const other = await issueServerCertificate(ca, ["other.example.com"]);
  certFile = join(dir, "cert.pem");
  keyFile = join(dir, "key.pem");
  otherKeyFile = join(dir, "other-key.pem");
  await writeFile(certFile, server.certificate + ca.certificate);
  await writeFile(keyFile, server.privateKey, { mode: 0o600 });
  await writeFile(otherKeyFile, other.privateKey, { mode: 0o600 });
  leafFingerprint = new X509Certificate(server.certificate).fingerprint256;
});
after(async () => rm(dir, { recursive: true, force: true }));

describe("loadServerTls", () => {
  test("plain HTTP has no TLS material", async () => {
    assert.equal(await loadServerTls({ kind: "none" }, dir, "127.0.0.1"), undefined);
  });

  test("--tls-cert/--tls-key serve the operator's files; agents pin the server certificate", async () => {
    const tls = await loadServerTls({ kind: "files", certFile, keyFile }, dir, "0.0.0.0");
    assert.equal(tls?.fingerprint, leafFingerprint);
    assert.equal(tls?.fingerprintOf, "certificate");
    assert.equal(tls?.caFile, undefined);
  });

  test("a key that is not the certificate's, or a missing file, stops the start with a message", async () => {
    await assert.rejects(
      loadServerTls({ kind: "files", certFile, keyFile: otherKeyFile }, dir, "0.0.0.0"),
      /--tls-key .* is not the key of the certificate/,
    );
    await assert.rejects(
      loadServerTls({ kind: "files", certFile: join(dir, "missing.pem"), keyFile }, dir, "0.0.0.0"),
      /--tls-cert .*missing\.pem/,
    );
    await assert.rejects(
      loadServerTls({ kind: "files", certFile: keyFile, keyFile }, dir, "0.0.0.0"),
      /holds no PEM certificate/,
    );
  });

  test("--tls auto: agents pin the CA, whose file is handed out", async () => {
    const tls = await loadServerTls({ kind: "auto", extraNames: [] }, dir, "127.0.0.1");
    assert.equal(tls?.fingerprintOf, "ca");
    assert.equal(tls?.caFile, join(dir, "tls", "ca.pem"));
    assert.equal(tls?.createdCa, true);
  });
});
