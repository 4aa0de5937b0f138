import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { before, describe, test } from "node:test";
import { createCertificateAuthority, issueServerCertificate } from "../../server/tls/certificate-issuer.ts";
import { checkPinnedChain } from "./pinned-chain.ts";

let ca: X509Certificate;
let leaf: X509Certificate;
let forgedLeaf: X509Certificate;
before(async () => {
  const caPair = await createCertificateAuthority("test CA");
  const attackerCa = await createCertificateAuthority("test CA");
  ca = new X509Certificate(caPair.certificate);
  leaf = new X509Certificate((await issueServerCertificate(caPair, ["localhost", "127.0.0.1"])).certificate);
  forgedLeaf = new X509Certificate((await issueServerCertificate(attackerCa, ["localhost", "127.0.0.1"])).certificate);
});

describe("checkPinnedChain", () => {
  test("pinning the server certificate accepts exactly that certificate", () => {
    assert.equal(checkPinnedChain([leaf, ca], leaf.fingerprint256, "any.example.com"), undefined);
    assert.equal(checkPinnedChain([leaf], leaf.fingerprint256, "127.0.0.1"), undefined);
  });

  test("pinning the CA accepts a server certificate it signed for the host dialled", () => {
    assert.equal(checkPinnedChain([leaf, ca], ca.fingerprint256, "127.0.0.1"), undefined);
    assert.equal(checkPinnedChain([leaf, ca], ca.fingerprint256, "localhost"), undefined);
    assert.match(
      checkPinnedChain([leaf, ca], ca.fingerprint256, "evil.example.com") ?? "",
      /not valid for evil\.example\.com/,
    );
  });

  test("a different certificate is refused, saying what was presented and what was expected", () => {
    const pin = `${"AA:".repeat(31)}AA`;
    const problem = checkPinnedChain([leaf, ca], pin, "127.0.0.1") ?? "";
    assert.ok(problem.includes(`certificate ${leaf.fingerprint256}`), problem);
    assert.ok(problem.includes(`issuer ${ca.fingerprint256}`), problem);
    assert.ok(problem.includes(`expected ${pin}`), problem);
  });

  test("the pinned CA's certificate sent along with a server certificate it did not sign is refused", () => {
    assert.match(
      checkPinnedChain([forgedLeaf, ca], ca.fingerprint256, "127.0.0.1") ?? "",
      /not signed by the pinned CA/,
    );
  });

  test("an expired certificate is refused even when pinned", () => {
    const later = new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000);
    assert.match(checkPinnedChain([leaf, ca], leaf.fingerprint256, "127.0.0.1", later) ?? "", /not valid now/);
  });

  test("no certificate at all is refused", () => {
    assert.match(checkPinnedChain([], ca.fingerprint256, "127.0.0.1") ?? "", /no certificate/);
  });
});
