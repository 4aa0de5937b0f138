import type { DocumentRecord, DocumentVersionRecord } from "../../core/ports/document-store.ts";
import { RowCodec } from "../row-codec.ts";

/** `DocumentRecord` ↔ `documents`. */
export const documentCodec = new RowCodec<DocumentRecord>({
  name: ["name", "plain"],
  documentType: ["document_type", "plain"],
  owner: ["owner", "plain"],
  createdAt: ["created_at", "plain"],
  defaultVersion: ["default_version", "plain"],
  latestVersion: ["latest_version", "plain"],
});

/** `DocumentVersionRecord` ↔ `document_versions`; an absent version name is NULL. */
export const documentVersionCodec = new RowCodec<DocumentVersionRecord>({
  name: ["name", "plain"],
  version: ["version", "plain"],
  content: ["content", "plain"],
  format: ["format", "plain"],
  hash: ["hash", "plain"],
  schemaVersion: ["schema_version", "plain"],
  versionName: ["version_name", "optional"],
  displayName: ["display_name", "plain"],
  description: ["description", "plain"],
  targetType: ["target_type", "plain"],
  parameters: ["parameters", "json"],
  platformTypes: ["platform_types", "json"],
  status: ["status", "plain"],
  statusInformation: ["status_information", "plain"],
  createdAt: ["created_at", "plain"],
});
