import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson } from "../../core/audit/canonical-json.ts";
import { type AuditEntry, GENESIS_HASH } from "../../core/ports/audit-store.ts";
import { anAuditRecord } from "../../store/contract/audit-contract.ts";
import { auditHash } from "./audit-hash.ts";
import { ChainVerifier, verifyChain } from "./verify-chain.ts";

/** A correctly chained trail of `n` records. */
function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const json = canonicalJson(anAuditRecord(seq));
    const hash = auditHash(prevHash, json);
    entries.push({ seq, prevHash, hash, json });
    prevHash = hash;
  }
  return entries;
}

const headOf = (entries: AuditEntry[]) => ({
  seq: entries.at(-1)?.seq ?? 0,
  hash: entries.at(-1)?.hash ?? GENESIS_HASH,
});

describe("verifyChain", () => {
  it("accepts an intact trail and reports its length and head", () => {
    const entries = chain(5);
    assert.deepEqual(verifyChain(entries, headOf(entries)), { ok: true, count: 5, head: headOf(entries) });
  });

  it("accepts an empty trail", () => {
    assert.deepEqual(verifyChain([], { seq: 0, hash: GENESIS_HASH }), {
      ok: true,
      count: 0,
      head: { seq: 0, hash: GENESIS_HASH },
    });
  });

  it("names an edited record: its hash no longer matches its content", () => {
    const entries = chain(5);
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, json: e.json.replace("alice", "mallory") } : e));
    const verdict = verifyChain(edited, headOf(entries));
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.seq, 3);
    assert.match(!verdict.ok ? verdict.reason : "", /record 3 was modified/);
  });

  it("names the record after an edited one whose hash was recomputed to match", () => {
    const entries = chain(5);
    const json = entries[1]!.json.replace("alice", "mallory");
    const forged = entries.map((e) => (e.seq === 2 ? { ...e, json, hash: auditHash(e.prevHash, json) } : e));
    const verdict = verifyChain(forged, headOf(entries));
    assert.deepEqual(!verdict.ok && verdict.seq, 3);
    assert.match(!verdict.ok ? verdict.reason : "", /prevHash/);
  });

  it("names a deleted record (a gap in seq)", () => {
    const entries = chain(5).filter((e) => e.seq !== 2);
    const verdict = verifyChain(entries);
    assert.deepEqual(verdict, { ok: false, seq: 2, reason: "record 2 is missing (the chain jumps to 3)" });
  });

  it("names a deleted record even when the later ones were renumbered", () => {
    const entries = chain(5)
      .filter((e) => e.seq !== 2)
      .map((e) => (e.seq > 2 ? { ...e, seq: e.seq - 1 } : e));
    const verdict = verifyChain(entries);
    assert.equal(!verdict.ok && verdict.seq, 2);
    assert.match(!verdict.ok ? verdict.reason : "", /does not follow record 1/);
  });

  it("names a cut-off tail, which only the chain-head row reveals", () => {
    const entries = chain(5);
    const verdict = verifyChain(entries.slice(0, 4), headOf(entries));
    assert.deepEqual(verdict, { ok: false, seq: 5, reason: "record 5 is missing: the chain head is at 5" });
  });

  it("names reordered records", () => {
    const entries = chain(5);
    const swapped = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }, entries[3]!, entries[4]!];
    const verdict = verifyChain(swapped, headOf(entries));
    assert.equal(!verdict.ok && verdict.seq, 2);
    const outOfOrder = verifyChain([entries[0]!, entries[2]!, entries[1]!]);
    assert.deepEqual(!outOfOrder.ok && outOfOrder.seq, 2);
  });

  it("verifies a trail fed in pieces exactly as a whole", () => {
    const entries = chain(7);
    const verifier = new ChainVerifier();
    verifier.push(entries.slice(0, 3));
    verifier.push(entries.slice(3));
    assert.deepEqual(verifier.finish(headOf(entries)), verifyChain(entries, headOf(entries)));
  });
});
