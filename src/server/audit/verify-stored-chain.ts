import type { AuditStore } from "../../core/ports/audit-store.ts";
import { type ChainVerdict, ChainVerifier } from "./verify-chain.ts";

/**
 * Verifies a store's whole trail, `pageSize` records at a time, against its chain-head row. The
 * head is read first, so records a running server appends meanwhile are simply not looked at.
 */
export async function verifyStoredChain(store: AuditStore, pageSize = 1000): Promise<ChainVerdict> {
  const head = await store.auditChainHead();
  const verifier = new ChainVerifier();
  let after = 0;
  while (after < head.seq) {
    const page = (await store.readAuditChain(after, pageSize)).filter((e) => e.seq <= head.seq);
    verifier.push(page);
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) break;
    after = last.seq;
  }
  return verifier.finish(head);
}
