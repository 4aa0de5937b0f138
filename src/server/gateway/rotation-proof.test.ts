import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { test } from "node:test";
import { rotationText } from "../../protocol/agent/messages.ts";
import { refuseRotation } from "./rotation-proof.ts";

const ID = "mi-0123456789abcdef0";

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

function proof(privateKey: string, instanceId: string, newPublicKey: string): string {
  return sign(null, Buffer.from(rotationText(instanceId, newPublicKey)), createPrivateKey(privateKey)).toString(
    "base64",
  );
}

test("a new key that signed the rotation text is accepted", () => {
  const next = keys();
  const frame = {
    type: "rotate-key" as const,
    newPublicKey: next.publicKey,
    proof: proof(next.privateKey, ID, next.publicKey),
  };
  assert.equal(refuseRotation(ID, frame), undefined);
});

test("a key the node does not hold, a proof for another node, or a non-Ed25519 key is refused", () => {
  const next = keys();
  const other = keys();
  const signedByOther = {
    type: "rotate-key" as const,
    newPublicKey: next.publicKey,
    proof: proof(other.privateKey, ID, next.publicKey),
  };
  assert.match(refuseRotation(ID, signedByOther) ?? "", /proof is not the new key's signature/);
  const forOtherNode = {
    type: "rotate-key" as const,
    newPublicKey: next.publicKey,
    proof: proof(next.privateKey, "mi-00000000000000000", next.publicKey),
  };
  assert.match(refuseRotation(ID, forOtherNode) ?? "", /proof is not/);
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
    .publicKey.export({ format: "der", type: "spki" })
    .toString("base64");
  assert.match(
    refuseRotation(ID, { type: "rotate-key", newPublicKey: ec, proof: "AAAA" }) ?? "",
    /must be an Ed25519 key/,
  );
  assert.match(
    refuseRotation(ID, {
      type: "rotate-key",
      newPublicKey: "bm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0IGhlcmU=",
      proof: "AAAA",
    }) ?? "",
    /not an SPKI/,
  );
});
