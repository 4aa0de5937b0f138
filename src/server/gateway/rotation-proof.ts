import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { type RotateKeyMessage, rotationText } from "../../protocol/agent/messages.ts";

/** Why a `rotate-key` frame is refused (the new key is no Ed25519 key or did not sign the proof), or undefined. */
export function refuseRotation(instanceId: string, message: RotateKeyMessage): string | undefined {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(message.newPublicKey, "base64"), format: "der", type: "spki" });
  } catch {
    return "newPublicKey is not an SPKI DER public key";
  }
  if (key.asymmetricKeyType !== "ed25519") return "newPublicKey must be an Ed25519 key";
  const signed = Buffer.from(rotationText(instanceId, message.newPublicKey));
  return verify(null, signed, key, Buffer.from(message.proof, "base64"))
    ? undefined
    : "proof is not the new key's signature of the rotation text";
}
