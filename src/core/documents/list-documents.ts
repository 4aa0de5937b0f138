import type { DocumentListFilter, DocumentStore } from "../ports/document-store.ts";
import type { Page, PageRequest, Store } from "../ports/store.ts";
import { type AmazonDocument, amazonDocuments } from "./amazon-documents.ts";
import type { DocumentView } from "./document-service.ts";

/** What ListDocuments asks for: whose documents, and which. */
export interface DocumentQuery {
  /** `self`: the account's documents (stored); `amazon`: the built-ins. */
  owners: { self: boolean; amazon: boolean };
  filter: DocumentListFilter;
}

/**
 * One page over the matching built-ins (by name) followed by the matching stored documents (by
 * name): offsets first run through the built-ins, then continue into the store.
 */
export async function listDocumentViews(
  store: DocumentStore & Pick<Store, "listTags">,
  query: DocumentQuery,
  page: PageRequest,
): Promise<Page<DocumentView>> {
  const amazon = query.owners.amazon
    ? [...amazonDocuments().values()].filter((d) => matches(d, query.filter)).sort(byName)
    : [];
  const items: DocumentView[] = amazon
    .slice(page.offset, page.offset + page.limit)
    .map((d) => ({ document: d.document, version: d.version, tags: [] }));
  let more = page.offset + page.limit < amazon.length;
  const room = page.limit - items.length;
  if (query.owners.self && room > 0) {
    const stored = await store.listDocuments(query.filter, {
      offset: Math.max(0, page.offset - amazon.length),
      limit: room,
    });
    for (const s of stored.items) {
      items.push({ ...s, tags: await store.listTags("Document", s.document.name) });
    }
    more = stored.more;
  } else if (query.owners.self && !more) {
    // The page is full of built-ins exactly: whether stored documents follow decides `more`.
    more = (await store.listDocuments(query.filter, { offset: 0, limit: 0 })).more;
  }
  return { items, more };
}

function byName(a: AmazonDocument, b: AmazonDocument): number {
  return a.document.name < b.document.name ? -1 : a.document.name > b.document.name ? 1 : 0;
}

/** The store's filter semantics, applied to a built-in (which has no tags). */
function matches(d: AmazonDocument, f: DocumentListFilter): boolean {
  if (f.namePrefixes && !f.namePrefixes.some((p) => d.document.name.startsWith(p))) return false;
  if (f.documentTypes && !f.documentTypes.includes(d.document.documentType)) return false;
  if (f.targetTypes && !f.targetTypes.includes(d.version.targetType)) return false;
  if (f.platformTypes) {
    const wanted = new Set(f.platformTypes.filter((p) => /^[A-Za-z]+$/.test(p)).map((p) => p.toLowerCase()));
    if (!d.version.platformTypes.some((p) => wanted.has(p.toLowerCase()))) return false;
  }
  if (f.tags && f.tags.length > 0) return false;
  return true;
}
