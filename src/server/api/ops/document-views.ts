import type { DocumentView } from "../../../core/documents/document-service.ts";
import type {
  DocumentParameterSummary,
  DocumentRecord,
  DocumentVersionRecord,
} from "../../../core/ports/document-store.ts";
import type {
  DocumentDescription,
  DocumentIdentifier,
  DocumentParameter,
  DocumentParameterType,
  DocumentType,
  DocumentVersionInfo,
  PlatformType,
} from "../../../protocol/ssm/types.ts";
import { compact, epochSeconds } from "../wire.ts";

/** The stored document type as the model's `DocumentType`. */
export function documentTypeOf(d: DocumentRecord): DocumentType {
  // The store keeps the model value as text; CreateDocument accepts only `Command`.
  return d.documentType as DocumentType;
}

/** The version's platforms as the model's `PlatformType`s. */
function platformTypesOf(v: DocumentVersionRecord): PlatformType[] {
  return v.platformTypes.filter(isPlatformType);
}

function isPlatformType(value: string): value is PlatformType {
  return value === "Windows" || value === "Linux" || value === "MacOS";
}

/** A parameter as the model's `DocumentParameter`. */
function documentParameter(p: DocumentParameterSummary): DocumentParameter {
  // The document's own type: Integer, Boolean, StringMap and MapList are outside the model's enum.
  const type = p.type as DocumentParameterType;
  return compact({ Name: p.name, Type: type, Description: p.description, DefaultValue: p.defaultValue });
}

/** A version as the model's `DocumentDescription` (CreateDocument, DescribeDocument, UpdateDocument). */
export function documentDescription(view: DocumentView): DocumentDescription {
  const { document: d, version: v } = view;
  return compact({
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
    Parameters: v.parameters.map(documentParameter),
    PlatformTypes: platformTypesOf(v),
    DocumentType: documentTypeOf(d),
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
  return compact({
    Name: d.name,
    CreatedDate: epochSeconds(d.createdAt),
    DisplayName: v.displayName || undefined,
    Owner: d.owner,
    VersionName: v.versionName,
    PlatformTypes: platformTypesOf(v),
    DocumentVersion: String(v.version),
    DocumentType: documentTypeOf(d),
    SchemaVersion: v.schemaVersion,
    DocumentFormat: v.format,
    TargetType: v.targetType || undefined,
    Tags: view.tags,
  });
}

/** A version as the model's `DocumentVersionInfo` (ListDocumentVersions). */
export function documentVersionInfo(d: DocumentRecord, v: DocumentVersionRecord): DocumentVersionInfo {
  return compact({
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
