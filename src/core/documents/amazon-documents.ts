import { BUILTIN_DOCUMENTS, documentHash, parseDocument } from "../../protocol/document/index.ts";
import type { DocumentRecord, DocumentVersionRecord } from "../ports/document-store.ts";
import { parameterSummaries } from "./document-content.ts";

/** The `Owner` of the built-in, read-only documents. */
export const AMAZON_OWNER = "Amazon";

/** The CreatedDate the built-ins report: a fixed instant, so responses are stable across restarts. */
const BUILTIN_CREATED_AT = Date.UTC(2017, 0, 1);

/** A built-in document as if it were stored: one version, Active, owned by Amazon. */
export interface AmazonDocument {
  document: DocumentRecord;
  version: DocumentVersionRecord;
}

let cache: ReadonlyMap<string, AmazonDocument> | undefined;

/** Every built-in document, by name (computed once: BUILTIN_DOCUMENTS is frozen). */
export function amazonDocuments(): ReadonlyMap<string, AmazonDocument> {
  cache ??= new Map(
    BUILTIN_DOCUMENTS.map((builtin) => {
      const format = formatOf(builtin.content);
      const parsed = parseDocument(builtin.content, format);
      const document: DocumentRecord = {
        name: builtin.name,
        documentType: builtin.documentType,
        owner: AMAZON_OWNER,
        createdAt: BUILTIN_CREATED_AT,
        defaultVersion: 1,
        latestVersion: 1,
      };
      const version: DocumentVersionRecord = {
        name: builtin.name,
        version: 1,
        content: builtin.content,
        format,
        hash: documentHash(builtin.content),
        schemaVersion: parsed.schemaVersion,
        displayName: "",
        description: parsed.description ?? "",
        targetType: "",
        parameters: parameterSummaries(parsed),
        platformTypes: [...builtin.platformTypes],
        status: "Active",
        statusInformation: "",
        createdAt: BUILTIN_CREATED_AT,
      };
      return [builtin.name, { document, version }] as const;
    }),
  );
  return cache;
}

/** The built-in document of that name, if there is one. */
export function amazonDocument(name: string): AmazonDocument | undefined {
  return amazonDocuments().get(name);
}

function formatOf(content: string): "JSON" | "YAML" {
  try {
    JSON.parse(content);
    return "JSON";
  } catch {
    return "YAML";
  }
}
