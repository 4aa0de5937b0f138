import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32));

  it("opens what it sealed, and never stores the plaintext or reuses a nonce", () => {
    const a = box.seal("wJalrXUtnFEMI/K7MDENG", "AKFR1");
    const b = box.seal("wJalrXUtnFEMI/K7MDENG", "AKFR1");
    assert.equal(box.open(a, "AKFR1"), "wJalrXUtnFEMI/K7MDENG");
    assert.notEqual(a.nonce, b.nonce);
    assert.notEqual(a.ciphertext, b.ciphertext);
    assert.equal(Buffer.from(a.ciphertext, "base64").includes("wJalr"), false);
  });

  it("does not open under another key, another context, or after tampering", () => {
    const sealed = box.seal("secret", "AKFR1");
    assert.equal(new SecretBox(randomBytes(32)).open(sealed, "AKFR1"), undefined);
    assert.equal(box.open(sealed, "AKFR2"), undefined);
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    assert.equal(box.open({ ...sealed, ciphertext: bytes.toString("base64") }, "AKFR1"), undefined);
    assert.equal(box.open({ ...sealed, nonce: "" }, "AKFR1"), undefined);
  });

  it("refuses a master key that is not 32 bytes", () => {
    assert.throws(() => new SecretBox(randomBytes(16)), RangeError);
  });
});
