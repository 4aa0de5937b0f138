import type { AuditRecord } from "../audit/audit-record.ts";
import type { Page } from "./store.ts";

/** The `prevHash` of the first record: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/** A record as the chain holds it. */
export interface AuditEntry {
  /** 1, 2, 3, ... without gaps, in append order. */
  seq: number;
  /** `hash` of the record before (GENESIS_HASH for seq 1). */
  prevHash: string;
  /** `hasher(prevHash, json)`, computed when the record was appended. */
  hash: string;
  /** The record's canonical JSON (core/audit/canonical-json.ts), exactly as stored. */
  json: string;
}

/** Chains a record: its hash from the previous hash and its canonical JSON (server/audit/audit-hash.ts). */
export type AuditHasher = (prevHash: string, json: string) => string;

/** LookupEvents' attribute keys. */
export type AuditAttributeKey =
  | "EventId"
  | "EventName"
  | "ReadOnly"
  | "Username"
  | "ResourceType"
  | "ResourceName"
  | "EventSource"
  | "AccessKeyId";

/** A lookup: every given condition must hold. Times are epoch milliseconds, both inclusive. */
export interface AuditQuery {
  attribute?: { key: AuditAttributeKey; value: string };
  startTime?: number;
  endTime?: number;
  /** Only records with a smaller seq (the page after one ending at this seq). */
  beforeSeq?: number;
  limit: number;
}

/** The end of the chain. */
export interface AuditChainHead {
  /** 0 when the trail is empty. */
  seq: number;
  /** GENESIS_HASH when the trail is empty. */
  hash: string;
}

/**
 * The audit trail's storage: append-only. There is deliberately no way to change or remove a
 * record; the hash chain makes edits made behind the store's back detectable.
 */
export interface AuditStore {
  /**
   * Appends records at the end of the chain, in order, in one transaction: each gets the next seq,
   * the previous hash and `hasher(prevHash, canonicalJson(record))`. Concurrent appends (several
   * server replicas on one PostgreSQL) queue on the chain head, so the chain never forks.
   */
  appendAudit(records: readonly AuditRecord[], hasher: AuditHasher): Promise<AuditEntry[]>;
  /** Records matching the query, newest (highest seq) first. */
  lookupAudit(query: AuditQuery): Promise<Page<AuditEntry>>;
  /** Up to `limit` records with seq > `afterSeq`, oldest first: for verifying the chain. */
  readAuditChain(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The last appended seq and hash, as the chain-head row records them. */
  auditChainHead(): Promise<AuditChainHead>;
}
