import type { Insertable, Kysely } from "kysely";
import type {
  AddDocumentVersionOutcome,
  DeleteDocumentVersionOutcome,
  DocumentListFilter,
  DocumentRecord,
  DocumentStore,
  DocumentSummary,
  DocumentVersionRecord,
} from "../../core/ports/document-store.ts";
import type { Page, PageRequest } from "../../core/ports/store.ts";
import { toPage } from "../paging.ts";
import type { Database, DocumentVersionsTable } from "../schema.ts";
import { upsertTags } from "../tag-queries.ts";
import { documentCodec, documentVersionCodec } from "./document-codecs.ts";
import { listDocuments } from "./document-list-query.ts";

/**
 * The {@link DocumentStore} over Kysely, for SQLite and PostgreSQL alike. Multi-step changes lock
 * the document row first with a no-op UPDATE (portable, unlike `SELECT … FOR UPDATE`), so
 * concurrent writers to one document queue up on PostgreSQL; SQLite serialises them anyway.
 */
export class KyselyDocumentStore implements DocumentStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createDocument(
    document: DocumentRecord,
    first: DocumentVersionRecord,
    tags: ReadonlyArray<{ Key: string; Value: string }>,
  ): Promise<boolean> {
    return await this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto("documents")
        .values(documentCodec.toRow(document))
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      if (!r.numInsertedOrUpdatedRows) return false;
      await trx.insertInto("document_versions").values(versionRow(first)).execute();
      if (tags.length > 0) await upsertTags(trx, "Document", document.name, tags);
      return true;
    });
  }

  async getDocument(name: string): Promise<DocumentRecord | undefined> {
    const row = await this.#db.selectFrom("documents").selectAll().where("name", "=", name).executeTakeFirst();
    return row && documentCodec.fromRow(row);
  }

  async getDocumentVersion(name: string, version: number): Promise<DocumentVersionRecord | undefined> {
    const row = await this.#db
      .selectFrom("document_versions")
      .selectAll()
      .where("name", "=", name)
      .where("version", "=", version)
      .executeTakeFirst();
    return row && documentVersionCodec.fromRow(row);
  }

  async findDocumentVersionByName(name: string, versionName: string): Promise<DocumentVersionRecord | undefined> {
    const row = await this.#db
      .selectFrom("document_versions")
      .selectAll()
      .where("name", "=", name)
      .where("version_name", "=", versionName)
      .executeTakeFirst();
    return row && documentVersionCodec.fromRow(row);
  }

  async addDocumentVersion(version: DocumentVersionRecord, expectedLatest: number): Promise<AddDocumentVersionOutcome> {
    if (version.version !== expectedLatest + 1) {
      throw new RangeError(`version ${version.version} does not follow the expected latest ${expectedLatest}`);
    }
    return await this.#db.transaction().execute(async (trx) => {
      const locked = await trx
        .updateTable("documents")
        .set((eb) => ({ latest_version: eb.ref("latest_version") }))
        .where("name", "=", version.name)
        .where("latest_version", "=", expectedLatest)
        .executeTakeFirst();
      if (locked.numUpdatedRows === 0n) {
        const exists = await trx
          .selectFrom("documents")
          .select("name")
          .where("name", "=", version.name)
          .executeTakeFirst();
        return exists ? "stale" : "not-found";
      }
      const sameHash = await trx
        .selectFrom("document_versions")
        .select("version")
        .where("name", "=", version.name)
        .where("hash", "=", version.hash)
        .executeTakeFirst();
      if (sameHash) return "duplicate-content";
      if (version.versionName !== undefined) {
        const sameName = await trx
          .selectFrom("document_versions")
          .select("version")
          .where("name", "=", version.name)
          .where("version_name", "=", version.versionName)
          .executeTakeFirst();
        if (sameName) return "duplicate-version-name";
      }
      await trx
        .updateTable("documents")
        .set({ latest_version: version.version })
        .where("name", "=", version.name)
        .execute();
      await trx.insertInto("document_versions").values(versionRow(version)).execute();
      return "added";
    });
  }

  async setDefaultDocumentVersion(name: string, version: number): Promise<boolean> {
    const r = await this.#db
      .updateTable("documents")
      .set({ default_version: version })
      .where("name", "=", name)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("document_versions")
            .select("document_versions.version")
            .whereRef("document_versions.name", "=", "documents.name")
            .where("document_versions.version", "=", version),
        ),
      )
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async listDocuments(filter: DocumentListFilter, page: PageRequest): Promise<Page<DocumentSummary>> {
    return await listDocuments(this.#db, filter, page);
  }

  async listDocumentVersions(name: string, page: PageRequest): Promise<Page<DocumentVersionRecord>> {
    const rows = await this.#db
      .selectFrom("document_versions")
      .selectAll()
      .where("name", "=", name)
      .orderBy("version")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => documentVersionCodec.fromRow(r));
  }

  async deleteDocument(name: string): Promise<boolean> {
    return await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom("tags").where("resource_type", "=", "Document").where("resource_id", "=", name).execute();
      await trx.deleteFrom("document_versions").where("name", "=", name).execute();
      const r = await trx.deleteFrom("documents").where("name", "=", name).executeTakeFirst();
      return r.numDeletedRows > 0n;
    });
  }

  async deleteDocumentVersion(name: string, version: number): Promise<DeleteDocumentVersionOutcome> {
    return await this.#db.transaction().execute(async (trx) => {
      const locked = await trx
        .updateTable("documents")
        .set((eb) => ({ default_version: eb.ref("default_version") }))
        .where("name", "=", name)
        .executeTakeFirst();
      if (locked.numUpdatedRows === 0n) return "not-found";
      const doc = await trx.selectFrom("documents").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
      if (doc.default_version === version) return "default-version";
      const r = await trx
        .deleteFrom("document_versions")
        .where("name", "=", name)
        .where("version", "=", version)
        .executeTakeFirst();
      if (r.numDeletedRows === 0n) return "not-found";
      if (doc.latest_version === version) {
        const top = await trx
          .selectFrom("document_versions")
          .select((eb) => eb.fn.max("version").as("v"))
          .where("name", "=", name)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("documents")
          .set({ latest_version: Number(top.v) })
          .where("name", "=", name)
          .execute();
      }
      return "deleted";
    });
  }

  async countDocuments(): Promise<number> {
    const row = await this.#db
      .selectFrom("documents")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function versionRow(version: DocumentVersionRecord): Insertable<DocumentVersionsTable> {
  return documentVersionCodec.toRow<Insertable<DocumentVersionsTable>>(version);
}
