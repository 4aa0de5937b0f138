import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** A sealed secret: base64 ciphertext (GCM tag appended) and base64 nonce. */
export interface SealedSecret {
  ciphertext: string;
  nonce: string;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under the master key. Each secret is bound to a context string (its access key id)
 * as additional authenticated data, so a ciphertext copied onto another row does not open.
 */
export class SecretBox {
  readonly #key: Buffer;

  /** @throws RangeError unless `key` has 32 bytes. */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError("the master key must have 32 bytes");
    this.#key = Buffer.from(key);
  }

  /** Encrypts `plaintext` with a fresh random nonce. */
  seal(plaintext: string, context: string): SealedSecret {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, nonce);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return { ciphertext: body.toString("base64"), nonce: nonce.toString("base64") };
  }

  /** Decrypts, or returns undefined when the key, context or data do not match (tampered or wrong key). */
  open(sealed: SealedSecret, context: string): string | undefined {
    const body = Buffer.from(sealed.ciphertext, "base64");
    const nonce = Buffer.from(sealed.nonce, "base64");
    if (body.length < TAG_BYTES || nonce.length !== NONCE_BYTES) return undefined;
    const decipher = createDecipheriv("aes-256-gcm", this.#key, nonce);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch (error) {
      if (error instanceof Error && /authenticate/i.test(error.message)) return undefined;
      throw error;
    }
  }
}
