import { type AuditChainHead, type AuditEntry, GENESIS_HASH } from "../../core/ports/audit-store.ts";
import { auditHash } from "./audit-hash.ts";

/** The verdict on a trail. */
export type ChainVerdict =
  | { ok: true; count: number; head: AuditChainHead }
  /** `seq` is the first record found bad (or, for a missing record, the seq that should be there). */
  | { ok: false; seq: number; reason: string };

/**
 * Checks a trail read oldest first, in pieces if it is large (`push` each piece, then `finish`).
 * Finds the first record that was edited (its hash no longer matches its content), deleted (a
 * gap in seq, or the next record's prevHash not matching), inserted or reordered (seq out of
 * order, prevHash not the previous hash), and a cut-off tail (the chain-head row names a later seq).
 */
export class ChainVerifier {
  #seq = 0;
  #hash = GENESIS_HASH;
  #failure: { seq: number; reason: string } | undefined;

  /** Feeds the next records, in the order the store returned them (ascending seq). */
  push(entries: readonly AuditEntry[]): void {
    for (const entry of entries) {
      if (this.#failure) return;
      this.#failure = this.#check(entry);
      this.#seq = entry.seq;
      this.#hash = entry.hash;
    }
  }

  /** The verdict, checking the end of the chain against the chain-head row when given. */
  finish(head?: AuditChainHead): ChainVerdict {
    if (this.#failure) return { ok: false, ...this.#failure };
    if (head !== undefined && (head.seq !== this.#seq || head.hash !== this.#hash)) {
      return head.seq > this.#seq
        ? {
            ok: false,
            seq: this.#seq + 1,
            reason: `record ${this.#seq + 1} is missing: the chain head is at ${head.seq}`,
          }
        : {
            ok: false,
            seq: head.seq,
            reason: `the chain head (seq ${head.seq}, hash ${head.hash}) does not match the last record (seq ${this.#seq}, hash ${this.#hash})`,
          };
    }
    return { ok: true, count: this.#seq, head: { seq: this.#seq, hash: this.#hash } };
  }

  #check(entry: AuditEntry): { seq: number; reason: string } | undefined {
    const expected = this.#seq + 1;
    if (entry.seq < expected) {
      return { seq: entry.seq, reason: `record ${entry.seq} is out of order (after record ${this.#seq})` };
    }
    if (entry.seq > expected) {
      const missing = entry.seq === expected + 1 ? `record ${expected} is` : `records ${expected}-${entry.seq - 1} are`;
      return { seq: expected, reason: `${missing} missing (the chain jumps to ${entry.seq})` };
    }
    if (entry.prevHash !== this.#hash) {
      return {
        seq: entry.seq,
        reason: `record ${entry.seq} does not follow record ${this.#seq}: its prevHash is not that record's hash (a record before it was removed, replaced or reordered)`,
      };
    }
    if (auditHash(entry.prevHash, entry.json) !== entry.hash) {
      return { seq: entry.seq, reason: `record ${entry.seq} was modified: its hash does not match its content` };
    }
    return undefined;
  }
}

/** Verifies a whole trail at once (oldest first); see {@link ChainVerifier}. */
export function verifyChain(entries: readonly AuditEntry[], head?: AuditChainHead): ChainVerdict {
  const verifier = new ChainVerifier();
  verifier.push(entries);
  return verifier.finish(head);
}
