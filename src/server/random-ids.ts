import { randomBytes, randomUUID } from "node:crypto";
import type { Ids } from "../core/ports/ids.ts";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Cryptographically random ids. */
export const randomIds: Ids = {
  uuid: () => randomUUID(),
  nodeId: () => `mi-${randomBytes(9).toString("hex").slice(0, 17)}`,
  secret(length, alphabet = ALPHANUMERIC) {
    // Rejection sampling keeps every character equally likely.
    const limit = 256 - (256 % alphabet.length);
    let out = "";
    while (out.length < length) {
      for (const byte of randomBytes(length * 2)) {
        if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
      }
    }
    return out;
  },
};
