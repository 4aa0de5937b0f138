import type { AuditTables } from "./audit/audit-schema.ts";
import type { EventTables } from "./events/event-schema.ts";
import type { IdentityTables } from "./identity/identity-schema.ts";

/**
 * Kysely table types of the store. Times are epoch milliseconds (BIGINT), booleans are INTEGER 0/1
 * and structured values are JSON text, so the same rows work on SQLite and PostgreSQL.
 */

/** `access_keys`: SigV4 access keys. */
export interface AccessKeysTable {
  access_key_id: string;
  secret_access_key: string;
  user_name: string;
  created_at: number;
}

/** `activations`: hybrid activations; `tags` is a JSON array of `{Key, Value}`. */
export interface ActivationsTable {
  activation_id: string;
  code_hash: string;
  description: string;
  default_instance_name: string;
  iam_role: string;
  registration_limit: number;
  registrations_count: number;
  expires_at: number;
  created_at: number;
  tags: string;
}

/** `nodes`: registered managed nodes. */
export interface NodesTable {
  instance_id: string;
  activation_id: string;
  public_key: string;
  name: string;
  computer_name: string;
  ip_address: string;
  platform_type: string;
  platform_name: string;
  platform_version: string;
  agent_version: string;
  iam_role: string;
  registered_at: number;
  last_ping_at: number | null;
  connected: number;
}

/** `tags`: tags of any taggable resource, one row per key. */
export interface TagsTable {
  resource_type: string;
  resource_id: string;
  key: string;
  value: string;
}

/** `commands`: one row per SendCommand; JSON text for the structured fields. */
export interface CommandsTable {
  command_id: string;
  document_name: string;
  document_version: string;
  document_content: string;
  comment: string;
  parameters: string;
  typed_parameters: string;
  instance_ids: string;
  targets: string;
  requested_at: number;
  expires_at: number;
  timeout_seconds: number;
  max_concurrency: string;
  max_errors: string;
  status: string;
  status_details: string;
  target_count: number;
  completed_count: number;
  error_count: number;
  delivery_timed_out_count: number;
  output_s3_bucket_name: string;
  output_s3_key_prefix: string;
  service_role: string;
  notification_config: string;
  cloudwatch_output_config: string;
  requested_by: string;
}

/** `invocations`: one row per (command, node); `plugins` is JSON text. */
export interface InvocationsTable {
  command_id: string;
  instance_id: string;
  instance_name: string;
  seq: number;
  status: string;
  status_details: string;
  requested_at: number;
  released_at: number | null;
  delivered_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  response_code: number;
  stdout: string;
  stderr: string;
  plugins: string;
  cancel_requested: number;
  updated_at: number;
}

/** `documents`: user documents; the built-in ones are not stored. */
export interface DocumentsTable {
  name: string;
  document_type: string;
  owner: string;
  created_at: number;
  default_version: number;
  latest_version: number;
}

/** `document_versions`: one row per (document, version); `parameters` and `platform_types` are JSON text. */
export interface DocumentVersionsTable {
  name: string;
  version: number;
  content: string;
  format: string;
  hash: string;
  schema_version: string;
  version_name: string | null;
  display_name: string;
  description: string;
  target_type: string;
  parameters: string;
  platform_types: string;
  status: string;
  status_information: string;
  created_at: number;
}

/** The whole store database, as Kysely sees it. */
export interface Database extends IdentityTables, AuditTables, EventTables {
  access_keys: AccessKeysTable;
  activations: ActivationsTable;
  nodes: NodesTable;
  tags: TagsTable;
  commands: CommandsTable;
  invocations: InvocationsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
}
