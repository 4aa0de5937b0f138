import type { DocumentVersionRecord } from "../ports/document-store.ts";
import type { ContentFacts } from "./document-content.ts";

/** A new, Active version record from the request, the content's facts and the inherited fields. */
export function versionRecord(
  name: string,
  version: number,
  input: { Content: string; VersionName?: string },
  format: DocumentVersionRecord["format"],
  facts: ContentFacts,
  now: number,
  inherited: { displayName: string; targetType: string },
): DocumentVersionRecord {
  const record: DocumentVersionRecord = {
    name,
    version,
    content: input.Content,
    format,
    ...facts,
    ...inherited,
    status: "Active",
    createdAt: now,
  };
  if (input.VersionName !== undefined) record.versionName = input.VersionName;
  return record;
}
