import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeFingerprint } from "./fingerprint.ts";

const COLONS = "6B:09:6E:58:6C:06:69:FC:A0:C0:0B:26:8C:E9:D0:6F:8D:D4:6F:63:C1:7C:FD:F7:A6:B8:B0:CE:D7:B1:27:70";

test("fingerprints are read in the forms people paste and written as openssl prints them", () => {
  assert.equal(normalizeFingerprint(COLONS), COLONS);
  assert.equal(normalizeFingerprint(COLONS.toLowerCase()), COLONS);
  assert.equal(normalizeFingerprint(COLONS.replace(/:/g, "")), COLONS);
  assert.equal(normalizeFingerprint(`sha256 Fingerprint=${COLONS}`), COLONS);
  assert.equal(normalizeFingerprint(`SHA256:${COLONS}`), COLONS);
});

test("anything that is not a SHA-256 fingerprint is refused with a message", () => {
  assert.throws(() => normalizeFingerprint("AB:CD"), /invalid --server-fingerprint "AB:CD"/);
  assert.throws(() => normalizeFingerprint(COLONS.replace("6B", "ZZ")), /64 hex digits/);
});
