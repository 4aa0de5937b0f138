/**
 * An in-memory DocumentStore (plus the tag reads the document service needs) for unit tests of
 * core/documents, which may not import the real store. Semantics follow the DocumentStore port.
 */
import type {
  AddDocumentVersionOutcome,
  DeleteDocumentVersionOutcome,
  DocumentListFilter,
  DocumentRecord,
  DocumentStore,
  DocumentSummary,
  DocumentVersionRecord,
} from "../../src/core/ports/document-store.ts";
import type { Page, PageRequest } from "../../src/core/ports/store.ts";

type Tag = { Key: string; Value: string };

/** Documents, versions and document tags in maps; every method is synchronous underneath. */
export class MemoryDocumentStore implements DocumentStore {
  readonly documents = new Map<string, DocumentRecord>();
  readonly versions = new Map<string, DocumentVersionRecord[]>();
  readonly tags = new Map<string, Tag[]>();

  async createDocument(document: DocumentRecord, first: DocumentVersionRecord, tags: readonly Tag[]): Promise<boolean> {
    if (this.documents.has(document.name)) return false;
    this.documents.set(document.name, { ...document });
    this.versions.set(document.name, [first]);
    const byKey = new Map(tags.map((t) => [t.Key, t.Value]));
    this.tags.set(
      document.name,
      [...byKey].map(([Key, Value]) => ({ Key, Value })),
    );
    return true;
  }

  async getDocument(name: string): Promise<DocumentRecord | undefined> {
    const doc = this.documents.get(name);
    return doc && { ...doc };
  }

  async getDocumentVersion(name: string, version: number): Promise<DocumentVersionRecord | undefined> {
    return this.versions.get(name)?.find((v) => v.version === version);
  }

  async findDocumentVersionByName(name: string, versionName: string): Promise<DocumentVersionRecord | undefined> {
    return this.versions.get(name)?.find((v) => v.versionName === versionName);
  }

  async addDocumentVersion(version: DocumentVersionRecord, expectedLatest: number): Promise<AddDocumentVersionOutcome> {
    if (version.version !== expectedLatest + 1) throw new RangeError("version does not follow the expected latest");
    const doc = this.documents.get(version.name);
    const versions = this.versions.get(version.name) ?? [];
    if (!doc) return "not-found";
    if (doc.latestVersion !== expectedLatest) return "stale";
    if (versions.some((v) => v.hash === version.hash)) return "duplicate-content";
    if (version.versionName !== undefined && versions.some((v) => v.versionName === version.versionName)) {
      return "duplicate-version-name";
    }
    doc.latestVersion = version.version;
    versions.push(version);
    return "added";
  }

  async setDefaultDocumentVersion(name: string, version: number): Promise<boolean> {
    const doc = this.documents.get(name);
    if (!doc || !this.versions.get(name)?.some((v) => v.version === version)) return false;
    doc.defaultVersion = version;
    return true;
  }

  async listDocuments(filter: DocumentListFilter, page: PageRequest): Promise<Page<DocumentSummary>> {
    const all: DocumentSummary[] = [];
    for (const document of [...this.documents.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const version = this.versions.get(document.name)?.find((v) => v.version === document.defaultVersion);
      if (version && this.#matches({ document, version }, filter)) all.push({ document: { ...document }, version });
    }
    return { items: all.slice(page.offset, page.offset + page.limit), more: all.length > page.offset + page.limit };
  }

  async listDocumentVersions(name: string, page: PageRequest): Promise<Page<DocumentVersionRecord>> {
    const all = this.versions.get(name) ?? [];
    return { items: all.slice(page.offset, page.offset + page.limit), more: all.length > page.offset + page.limit };
  }

  async deleteDocument(name: string): Promise<boolean> {
    this.versions.delete(name);
    this.tags.delete(name);
    return this.documents.delete(name);
  }

  async deleteDocumentVersion(name: string, version: number): Promise<DeleteDocumentVersionOutcome> {
    const doc = this.documents.get(name);
    const versions = this.versions.get(name) ?? [];
    if (!doc) return "not-found";
    if (doc.defaultVersion === version) return "default-version";
    const index = versions.findIndex((v) => v.version === version);
    if (index < 0) return "not-found";
    versions.splice(index, 1);
    doc.latestVersion = Math.max(...versions.map((v) => v.version));
    return "deleted";
  }

  async countDocuments(): Promise<number> {
    return this.documents.size;
  }

  async listTags(_type: string, resourceId: string): Promise<Tag[]> {
    return [...(this.tags.get(resourceId) ?? [])].sort((a, b) => (a.Key < b.Key ? -1 : 1));
  }

  #matches(s: DocumentSummary, f: DocumentListFilter): boolean {
    if (f.namePrefixes && !f.namePrefixes.some((p) => s.document.name.startsWith(p))) return false;
    if (f.documentTypes && !f.documentTypes.includes(s.document.documentType)) return false;
    if (f.targetTypes && !f.targetTypes.includes(s.version.targetType)) return false;
    const platforms = s.version.platformTypes.map((p) => p.toLowerCase());
    if (f.platformTypes && !f.platformTypes.some((p) => platforms.includes(p.toLowerCase()))) return false;
    const tags = this.tags.get(s.document.name) ?? [];
    return (f.tags ?? []).every((sel) =>
      tags.some((t) => t.Key === sel.key && (sel.values === undefined || sel.values.includes(t.Value))),
    );
  }
}
