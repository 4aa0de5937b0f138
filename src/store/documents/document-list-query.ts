import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { DocumentListFilter, DocumentSummary } from "../../core/ports/document-store.ts";
import type { Page, PageRequest, TagSelector } from "../../core/ports/store.ts";
import { toPage } from "../paging.ts";
import type { Database } from "../schema.ts";
import { documentCodec, documentVersionCodec } from "./document-codecs.ts";

type Condition = Expression<SqlBool>;
type ListEb = ExpressionBuilder<Database & { v: Database["document_versions"] }, "documents" | "v">;

const LETTERS = /^[A-Za-z]+$/;

/** Documents joined with their default version, filtered, ordered by name. */
export async function listDocuments(
  db: Kysely<Database>,
  filter: DocumentListFilter,
  page: PageRequest,
): Promise<Page<DocumentSummary>> {
  const rows = await db
    .selectFrom("documents")
    .innerJoin("document_versions as v", (join) =>
      join.onRef("v.name", "=", "documents.name").onRef("v.version", "=", "documents.default_version"),
    )
    .selectAll("v")
    .select([
      "documents.document_type",
      "documents.owner",
      "documents.created_at as document_created_at",
      "documents.default_version",
      "documents.latest_version",
    ])
    .where((eb) => listConditions(eb, filter))
    .orderBy("documents.name")
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  return toPage(rows, page, (row) => ({
    document: documentCodec.fromRow({ ...row, created_at: row.document_created_at }),
    version: documentVersionCodec.fromRow(row),
  }));
}

function listConditions(eb: ListEb, f: DocumentListFilter): Condition {
  const c: Condition[] = [];
  if (f.namePrefixes) {
    c.push(
      eb.or(
        f.namePrefixes.map((prefix) =>
          eb(eb.fn("substr", [eb.ref("documents.name"), eb.lit(1), eb.lit(prefix.length)]), "=", prefix),
        ),
      ),
    );
  }
  if (f.documentTypes) c.push(inList(eb, "documents.document_type", f.documentTypes));
  if (f.targetTypes) c.push(inList(eb, "v.target_type", f.targetTypes));
  if (f.platformTypes) {
    // platform_types is a JSON array of letter-only names, so `"name"` marks one exactly.
    const wanted = f.platformTypes.filter((p) => LETTERS.test(p)).map((p) => `%"${p.toLowerCase()}"%`);
    c.push(eb.or(wanted.map((pattern) => eb(eb.fn("lower", [eb.ref("v.platform_types")]), "like", pattern))));
  }
  for (const selector of f.tags ?? []) c.push(documentHasTag(eb, selector));
  return eb.and(c);
}

function documentHasTag(eb: ListEb, selector: TagSelector): Condition {
  let q = eb
    .selectFrom("tags")
    .select("tags.key")
    .where("tags.resource_type", "=", "Document")
    .whereRef("tags.resource_id", "=", "documents.name")
    .where("tags.key", "=", selector.key);
  if (selector.values !== undefined) {
    const values = selector.values;
    q = q.where((t) => inList(t, "tags.value", values));
  }
  return eb.exists(q);
}

/** `column IN values`; an empty list matches nothing. */
function inList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: "documents.document_type" | "v.target_type" | "tags.value",
  values: readonly string[],
): Condition {
  if (values.length === 0) return eb.or([]);
  // Kysely cannot type a reference chosen at run time; the columns are the literal union above.
  return eb(eb.ref(column as never), "in", values as never);
}
