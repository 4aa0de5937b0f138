import { SsmError, validationError } from "../../protocol/errors.ts";
import type { CreateDocumentRequest, UpdateDocumentRequest } from "../../protocol/ssm/types.ts";
import type { Clock } from "../ports/clock.ts";
import type { DocumentRecord, DocumentStore, DocumentVersionRecord } from "../ports/document-store.ts";
import type { Page, PageRequest, Store } from "../ports/store.ts";
import { AMAZON_OWNER, amazonDocument } from "./amazon-documents.ts";
import type { DocumentCatalog, ResolvedDocument } from "./document-catalog.ts";
import { documentNameOf } from "./document-catalog.ts";
import { inspectContent } from "./document-content.ts";
import { alreadyExists, checkUnsupported, defaultVersionDelete, notFound, readOnly } from "./document-errors.ts";
import { checkDocumentName } from "./document-names.ts";
import { type DocumentQuery, listDocumentViews } from "./list-documents.ts";
import { versionRecord } from "./version-record.ts";
import { selectVersion, type VersionSelector, versionNumberOf } from "./version-selector.ts";

type Tag = { Key: string; Value: string };

/** One version of a document with what the API shows beside it. */
export interface DocumentView {
  document: DocumentRecord;
  version: DocumentVersionRecord;
  tags: Tag[];
}

/** Quotas (AWS's by default). */
export interface DocumentLimits {
  /** User documents per account (`DocumentLimitExceeded`). */
  maxDocuments: number;
  /** Versions per document (`DocumentVersionLimitExceeded`). */
  maxVersions: number;
  /** Tags per document. */
  maxTags: number;
}

/** What the service needs: the documents and tags of the store, the time and the owner account. */
export interface DocumentServiceDeps {
  store: DocumentStore & Pick<Store, "listTags">;
  clock: Clock;
  /** Owner of every user document. */
  accountId: string;
  limits?: Partial<DocumentLimits>;
}

const DEFAULT_LIMITS: DocumentLimits = { maxDocuments: 500, maxVersions: 1000, maxTags: 50 };

/**
 * The SSM document system: user documents in the store plus the read-only built-ins (Owner
 * `Amazon`), versioned, with `$DEFAULT`/`$LATEST`/numeric selection everywhere. Also the
 * {@link DocumentCatalog} SendCommand resolves documents through.
 */
export class DocumentService implements DocumentCatalog {
  readonly #store: DocumentServiceDeps["store"];
  readonly #clock: Clock;
  readonly #accountId: string;
  readonly #limits: DocumentLimits;

  constructor(deps: DocumentServiceDeps) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#accountId = deps.accountId;
    this.#limits = { ...DEFAULT_LIMITS, ...deps.limits };
  }

  async resolve(nameOrArn: string, version: string | undefined): Promise<ResolvedDocument> {
    const found = await this.#find(nameOrArn, { documentVersion: version });
    return {
      name: found.document.name,
      version: String(found.version.version),
      content: found.version.content,
      hash: found.version.hash,
    };
  }

  /**
   * One version of a document (the default unless the selector says otherwise), with its tags.
   * @throws SsmError `InvalidDocument`, `InvalidDocumentVersion`.
   */
  async describe(nameOrArn: string, selector: VersionSelector = {}): Promise<DocumentView> {
    const found = await this.#find(nameOrArn, selector);
    const tags =
      found.document.owner === AMAZON_OWNER ? [] : await this.#store.listTags("Document", found.document.name);
    return { ...found, tags };
  }

  /**
   * CreateDocument: a Command document at version 1 (default and latest), Active at once.
   * @throws SsmError `ValidationException` (reserved name, unsupported options, too many tags),
   *   `DocumentAlreadyExists`, `DocumentLimitExceeded` and the content errors of {@link inspectContent}.
   */
  async create(input: CreateDocumentRequest): Promise<DocumentView> {
    checkDocumentName(input.Name);
    if (amazonDocument(input.Name)) throw alreadyExists(input.Name);
    checkUnsupported(input);
    const type = input.DocumentType ?? "Command";
    if (type !== "Command") {
      throw new SsmError(
        "InvalidDocumentContent",
        `DocumentType ${type} is not supported: fleetrun stores Command documents.`,
      );
    }
    const format = input.DocumentFormat ?? "JSON";
    const facts = inspectContent(input.Content, format);
    const tags = input.Tags ?? [];
    if (new Set(tags.map((t) => t.Key)).size > this.#limits.maxTags) {
      throw validationError(`A document can have at most ${this.#limits.maxTags} tags.`);
    }
    if (await this.#store.getDocument(input.Name)) throw alreadyExists(input.Name);
    if ((await this.#store.countDocuments()) >= this.#limits.maxDocuments) {
      throw new SsmError(
        "DocumentLimitExceeded",
        `You can have at most ${this.#limits.maxDocuments} active SSM documents; delete one first.`,
      );
    }
    const now = this.#clock.now();
    const document: DocumentRecord = {
      name: input.Name,
      documentType: type,
      owner: this.#accountId,
      createdAt: now,
      defaultVersion: 1,
      latestVersion: 1,
    };
    const version = versionRecord(input.Name, 1, input, format, facts, now, {
      displayName: input.DisplayName ?? "",
      targetType: input.TargetType ?? "",
    });
    if (!(await this.#store.createDocument(document, version, tags))) throw alreadyExists(input.Name);
    return { document, version, tags: await this.#store.listTags("Document", input.Name) };
  }

  /**
   * UpdateDocument: a new version on top of the latest (`DocumentVersion` must name the latest);
   * the default version does not change. DisplayName and TargetType are inherited when omitted.
   * @throws SsmError `InvalidDocumentOperation` (built-ins), `InvalidDocument`, `InvalidDocumentVersion`,
   *   `DuplicateDocumentContent`, `DuplicateDocumentVersionName`, `DocumentVersionLimitExceeded`
   *   and the content errors of {@link inspectContent}.
   */
  async update(input: UpdateDocumentRequest): Promise<DocumentView> {
    if (amazonDocument(input.Name)) throw readOnly(input.Name, "updated");
    checkUnsupported(input);
    const document = await this.#userDocument(input.Name);
    const base = input.DocumentVersion;
    if (base !== undefined && base !== "$LATEST" && base !== String(document.latestVersion)) {
      throw new SsmError(
        "InvalidDocumentVersion",
        `Document ${input.Name} can't be updated from version ${base}: only the latest version (${document.latestVersion}) can be the base.`,
      );
    }
    const format = input.DocumentFormat ?? "JSON";
    const facts = inspectContent(input.Content, format);
    if (document.latestVersion >= this.#limits.maxVersions) {
      throw new SsmError(
        "DocumentVersionLimitExceeded",
        `Document ${input.Name} has reached the limit of ${this.#limits.maxVersions} versions; delete old versions first.`,
      );
    }
    const latest = await this.#store.getDocumentVersion(input.Name, document.latestVersion);
    const number = document.latestVersion + 1;
    const version = versionRecord(input.Name, number, input, format, facts, this.#clock.now(), {
      displayName: input.DisplayName ?? latest?.displayName ?? "",
      targetType: input.TargetType ?? latest?.targetType ?? "",
    });
    const outcome = await this.#store.addDocumentVersion(version, document.latestVersion);
    switch (outcome) {
      case "added":
        return {
          document: { ...document, latestVersion: number },
          version,
          tags: await this.#store.listTags("Document", input.Name),
        };
      case "not-found":
        throw notFound(input.Name);
      case "stale":
        throw new SsmError(
          "InvalidDocumentVersion",
          `Document ${input.Name} changed meanwhile: only the latest version can be the base; try again.`,
        );
      case "duplicate-content":
        throw new SsmError("DuplicateDocumentContent", `A version of document ${input.Name} already has this content.`);
      case "duplicate-version-name":
        throw new SsmError(
          "DuplicateDocumentVersionName",
          `Document ${input.Name} already has a version named ${input.VersionName}.`,
        );
    }
  }

  /**
   * UpdateDocumentDefaultVersion.
   * @throws SsmError `InvalidDocumentOperation` (built-ins), `InvalidDocument`, `InvalidDocumentVersion`.
   */
  async setDefaultVersion(name: string, documentVersion: string): Promise<DocumentVersionRecord> {
    if (amazonDocument(name)) throw readOnly(name, "changed");
    const document = await this.#userDocument(name);
    const number = /^[1-9][0-9]{0,8}$/.test(documentVersion) ? Number(documentVersion) : undefined;
    if (number === undefined || !(await this.#store.setDefaultDocumentVersion(name, number))) {
      throw new SsmError("InvalidDocumentVersion", `Document ${document.name} has no version ${documentVersion}.`);
    }
    const version = await this.#store.getDocumentVersion(name, number);
    if (!version) throw new SsmError("InvalidDocumentVersion", `Document ${name} has no version ${documentVersion}.`);
    return version;
  }

  /**
   * DeleteDocument: every version, or the one the selector names (never the default one alone).
   * @throws SsmError `InvalidDocumentOperation` (built-ins, the default version), `InvalidDocument`.
   */
  async delete(name: string, selector: VersionSelector = {}): Promise<void> {
    if (amazonDocument(name)) throw readOnly(name, "deleted");
    const document = await this.#userDocument(name);
    if (selector.documentVersion === undefined && selector.versionName === undefined) {
      if (!(await this.#store.deleteDocument(name))) throw notFound(name);
      return;
    }
    if (
      selector.documentVersion !== undefined &&
      versionNumberOf(document, selector.documentVersion) === document.defaultVersion
    ) {
      throw defaultVersionDelete(name);
    }
    const version = await selectVersion(document, selector, this.#versions(name), "InvalidDocument");
    const outcome = await this.#store.deleteDocumentVersion(name, version.version);
    if (outcome === "default-version") throw defaultVersionDelete(name);
    if (outcome === "not-found")
      throw new SsmError("InvalidDocument", `Document ${name} has no version ${version.version}.`);
  }

  /** ListDocuments: the built-ins first (by name), then user documents (by name), each at its default version. */
  async list(query: DocumentQuery, page: PageRequest): Promise<Page<DocumentView>> {
    return await listDocumentViews(this.#store, query, page);
  }

  /**
   * ListDocumentVersions: oldest first.
   * @throws SsmError `InvalidDocument`.
   */
  async listVersions(
    nameOrArn: string,
    page: PageRequest,
  ): Promise<{ document: DocumentRecord; versions: Page<DocumentVersionRecord> }> {
    const name = documentNameOf(nameOrArn);
    const amazon = amazonDocument(name);
    if (amazon) {
      const items = page.offset === 0 && page.limit > 0 ? [amazon.version] : [];
      return { document: amazon.document, versions: { items, more: false } };
    }
    const document = await this.#userDocument(name);
    return { document, versions: await this.#store.listDocumentVersions(name, page) };
  }

  async #find(
    nameOrArn: string,
    selector: VersionSelector,
  ): Promise<{ document: DocumentRecord; version: DocumentVersionRecord }> {
    const name = documentNameOf(nameOrArn);
    const amazon = amazonDocument(name);
    if (amazon) {
      const version = await selectVersion(amazon.document, selector, {
        byNumber: async (n) => (n === 1 ? amazon.version : undefined),
        byName: async () => undefined,
      });
      return { document: amazon.document, version };
    }
    const document = await this.#userDocument(name);
    return { document, version: await selectVersion(document, selector, this.#versions(name)) };
  }

  async #userDocument(name: string): Promise<DocumentRecord> {
    const document = await this.#store.getDocument(name);
    if (!document) throw notFound(name);
    return document;
  }

  #versions(name: string) {
    return {
      byNumber: (n: number) => this.#store.getDocumentVersion(name, n),
      byName: (versionName: string) => this.#store.findDocumentVersionByName(name, versionName),
    };
  }
}
