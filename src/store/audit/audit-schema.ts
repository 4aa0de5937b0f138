/**
 * Kysely table types of the audit trail. `audit_events.record` is the canonical JSON the hash
 * covers; the other event columns are derived from it, only to find records fast.
 */

/** `audit_events`: one row per record, append-only. */
export interface AuditEventsTable {
  seq: number;
  event_id: string;
  /** Epoch milliseconds of `eventTime`. */
  event_time: number;
  event_name: string;
  event_source: string;
  username: string | null;
  access_key_id: string | null;
  /** 0 or 1. */
  read_only: number;
  record: string;
  prev_hash: string;
  hash: string;
}

/** `audit_resources`: the resources each record names (core/audit/audit-resources.ts). */
export interface AuditResourcesTable {
  seq: number;
  resource_type: string;
  resource_name: string;
}

/** `audit_chain`: the single chain-head row (id 1) every append locks and advances. */
export interface AuditChainTable {
  id: number;
  seq: number;
  hash: string;
}

/** The audit tables, merged into the store's `Database`. */
export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_resources: AuditResourcesTable;
  audit_chain: AuditChainTable;
}
