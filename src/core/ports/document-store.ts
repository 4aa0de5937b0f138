import type { Page, PageRequest, TagSelector } from "./store.ts";

/** The text formats a document version may be written in (the model's `DocumentFormat`). */
export type DocumentFormat = "JSON" | "YAML" | "TEXT";

/** One parameter as DescribeDocument summarises it (the model's `DocumentParameter`). */
export interface DocumentParameterSummary {
  name: string;
  type: string;
  description: string;
  /** The document default as text (strings as they are, other values as JSON); absent = required. */
  defaultValue?: string;
}

/** A user document: what its versions share. Times are epoch milliseconds. */
export interface DocumentRecord {
  name: string;
  /** The model's `DocumentType` (fleetrun stores `Command`). */
  documentType: string;
  /** Account id of the owner. */
  owner: string;
  createdAt: number;
  /** The version `$DEFAULT` and an absent version select. */
  defaultVersion: number;
  /** The highest version that exists (`$LATEST`). */
  latestVersion: number;
}

/** One version of a document; never changed once written. */
export interface DocumentVersionRecord {
  name: string;
  /** 1, 2, 3, ... */
  version: number;
  /** Exactly as the caller gave it. */
  content: string;
  format: DocumentFormat;
  /** SHA-256 hex of `content`. */
  hash: string;
  schemaVersion: string;
  /** Unique within the document when present. */
  versionName?: string;
  displayName: string;
  description: string;
  /** `""` when none was given. */
  targetType: string;
  parameters: DocumentParameterSummary[];
  /** `Windows`, `Linux`, `MacOS`, in that order. */
  platformTypes: string[];
  status: "Creating" | "Active" | "Updating" | "Deleting" | "Failed";
  statusInformation: string;
  createdAt: number;
}

/** A document with the version that represents it in lists (its default version). */
export interface DocumentSummary {
  document: DocumentRecord;
  version: DocumentVersionRecord;
}

/** Filters of {@link DocumentStore.listDocuments}: each list ORs its values, filters AND together. */
export interface DocumentListFilter {
  /** The name starts with one of these (byte-wise, case-sensitive). */
  namePrefixes?: string[];
  documentTypes?: string[];
  /**
   * The default version runs on one of these platforms. Compared case-insensitively; a value
   * that is not made of ASCII letters matches nothing.
   */
  platformTypes?: string[];
  /** The default version's target type is one of these. */
  targetTypes?: string[];
  /** The document carries every one of these tags (see {@link TagSelector}). */
  tags?: TagSelector[];
}

/** What {@link DocumentStore.addDocumentVersion} did. */
export type AddDocumentVersionOutcome =
  | "added"
  /** No document of that name. */
  | "not-found"
  /** The document's latest version is no longer the expected one (someone else added one). */
  | "stale"
  /** A version of the document has the same hash. */
  | "duplicate-content"
  /** A version of the document has the same version name. */
  | "duplicate-version-name";

/** What {@link DocumentStore.deleteDocumentVersion} did. */
export type DeleteDocumentVersionOutcome = "deleted" | "not-found" | "default-version";

/**
 * Durable state of user documents and their versions. Every method is atomic on its own. The
 * read-only built-in documents are not stored; core/documents merges them in.
 */
export interface DocumentStore {
  /**
   * Creates a document with its first version and tags in one transaction, unless a document of
   * that name exists. Returns whether it was created.
   */
  createDocument(
    document: DocumentRecord,
    first: DocumentVersionRecord,
    tags: ReadonlyArray<{ Key: string; Value: string }>,
  ): Promise<boolean>;
  getDocument(name: string): Promise<DocumentRecord | undefined>;
  getDocumentVersion(name: string, version: number): Promise<DocumentVersionRecord | undefined>;
  findDocumentVersionByName(name: string, versionName: string): Promise<DocumentVersionRecord | undefined>;
  /**
   * Adds `version` (whose number must be `expectedLatest + 1`) and makes it the latest, only if
   * the document's latest version is still `expectedLatest` (optimistic concurrency) and no
   * version has the same hash or version name. The default version does not change.
   * @throws RangeError when `version.version` is not `expectedLatest + 1`.
   */
  addDocumentVersion(version: DocumentVersionRecord, expectedLatest: number): Promise<AddDocumentVersionOutcome>;
  /** Makes an existing version the default; false when the document or the version does not exist. */
  setDefaultDocumentVersion(name: string, version: number): Promise<boolean>;
  /** Documents with their default version, ordered by name (byte-wise). */
  listDocuments(filter: DocumentListFilter, page: PageRequest): Promise<Page<DocumentSummary>>;
  /** A document's versions, oldest (1) first; an unknown name gives an empty page. */
  listDocumentVersions(name: string, page: PageRequest): Promise<Page<DocumentVersionRecord>>;
  /** Deletes a document, every version and its tags; false when it did not exist. */
  deleteDocument(name: string): Promise<boolean>;
  /**
   * Deletes one version unless it is the default one. When it was the latest, the highest
   * remaining version becomes the latest.
   */
  deleteDocumentVersion(name: string, version: number): Promise<DeleteDocumentVersionOutcome>;
  /** Number of stored (user) documents. */
  countDocuments(): Promise<number>;
}
