import type { DocumentView } from "../../../core/documents/document-service.ts";
import type { DocumentRecord, DocumentVersionRecord } from "../../../core/ports/document-store.ts";
import type {
  DocumentDescription,
  DocumentIdentifier,
  DocumentParameter,
  DocumentVersionInfo,
  PlatformType,
} from "../../../protocol/ssm/types.ts";
import { compact, epochSeconds } from "../wire.ts";

/**
 * {@link compact} typed for a model shape: the literal is checked member by member against `T`,
 * and members left undefined are dropped from the JSON.
 */
export function wireShape<T extends object>(value: { [K in keyof T]?: T[K] | undefined }): T {
  return compact(value) as T;
}

/** A version as the model's `DocumentDescription` (CreateDocument, DescribeDocument, UpdateDocument). */
export function documentDescription(view: DocumentView): DocumentDescription {
  const { document: d, version: v } = view;
  return wireShape<DocumentDescription>({
    Hash: v.hash,
    HashType: "Sha256",
    Name: d.name,
    DisplayName: v.displayName || undefined,
    VersionName: v.versionName,
    Owner: d.owner,
    CreatedDate: epochSeconds(v.createdAt),
    Status: v.status,
    StatusInformation: v.statusInformation || undefined,
    DocumentVersion: String(v.version),
    Description: v.description || undefined,
    Parameters: v.parameters.map((p) =>
      wireShape<DocumentParameter>({
        Name: p.name,
        Type: p.type as DocumentParameter["Type"],
        Description: p.description,
        DefaultValue: p.defaultValue,
      }),
    ),
    PlatformTypes: v.platformTypes as PlatformType[],
    DocumentType: d.documentType as DocumentDescription["DocumentType"],
    SchemaVersion: v.schemaVersion,
    LatestVersion: String(d.latestVersion),
    DefaultVersion: String(d.defaultVersion),
    DocumentFormat: v.format,
    TargetType: v.targetType || undefined,
    Tags: view.tags,
  });
}

/** A document as the model's `DocumentIdentifier` (ListDocuments): its default version. */
export function documentIdentifier(view: DocumentView): DocumentIdentifier {
  const { document: d, version: v } = view;
  return wireShape<DocumentIdentifier>({
    Name: d.name,
    CreatedDate: epochSeconds(d.createdAt),
    DisplayName: v.displayName || undefined,
    Owner: d.owner,
    VersionName: v.versionName,
    PlatformTypes: v.platformTypes as PlatformType[],
    DocumentVersion: String(v.version),
    DocumentType: d.documentType as DocumentIdentifier["DocumentType"],
    SchemaVersion: v.schemaVersion,
    DocumentFormat: v.format,
    TargetType: v.targetType || undefined,
    Tags: view.tags,
  });
}

/** A version as the model's `DocumentVersionInfo` (ListDocumentVersions). */
export function documentVersionInfo(d: DocumentRecord, v: DocumentVersionRecord): DocumentVersionInfo {
  return wireShape<DocumentVersionInfo>({
    Name: d.name,
    DisplayName: v.displayName || undefined,
    DocumentVersion: String(v.version),
    VersionName: v.versionName,
    CreatedDate: epochSeconds(v.createdAt),
    IsDefaultVersion: v.version === d.defaultVersion,
    DocumentFormat: v.format,
    Status: v.status,
    StatusInformation: v.statusInformation || undefined,
  });
}
