import { stringify as stringifyYaml } from "yaml";
import {
  type CommandDocument,
  decodeDocument,
  documentHash,
  platformTypesOf,
  validateDocument,
} from "../../protocol/document/index.ts";
import { SsmError, validationError } from "../../protocol/errors.ts";
import type { DocumentFormat, DocumentParameterSummary } from "../ports/document-store.ts";

/** The largest document content, in UTF-8 bytes (64 KB). */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

/** What a document version's content says about it. */
export interface ContentFacts {
  hash: string;
  schemaVersion: string;
  description: string;
  parameters: DocumentParameterSummary[];
  platformTypes: string[];
  /** Validation warnings (e.g. a parameter spliced into script text unconstrained), one per line. */
  statusInformation: string;
}

const utf8 = new TextEncoder();

/**
 * Checks the content of a new Command document version (see `validateDocument`) and derives its facts.
 * @throws SsmError `MaxDocumentSizeExceeded` over 64 KB; `InvalidDocumentContent` for TEXT or
 *   content that does not parse or validate (the message starts with the offending path);
 *   `InvalidDocumentSchemaVersion` for a schemaVersion Command documents do not support.
 */
export function inspectContent(content: string, format: DocumentFormat): ContentFacts {
  const bytes = utf8.encode(content).length;
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new SsmError(
      "MaxDocumentSizeExceeded",
      `The document content is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (64 KB).`,
    );
  }
  if (format === "TEXT") {
    throw new SsmError("InvalidDocumentContent", "Command documents must be JSON or YAML, not TEXT.");
  }
  const { document: doc, warnings } = validateDocument(content, format);
  return {
    hash: documentHash(content),
    schemaVersion: doc.schemaVersion,
    description: doc.description ?? "",
    parameters: parameterSummaries(doc),
    platformTypes: platformTypesOf(doc),
    statusInformation: warnings.join("\n"),
  };
}

/** The parameter list DescribeDocument shows for a parsed document. */
export function parameterSummaries(doc: CommandDocument): DocumentParameterSummary[] {
  return Object.entries(doc.parameters).map(([name, def]) => {
    const summary: DocumentParameterSummary = { name, type: def.type, description: def.description ?? "" };
    if (def.default !== undefined) {
      summary.defaultValue = typeof def.default === "string" ? def.default : JSON.stringify(def.default);
    }
    return summary;
  });
}

/**
 * Content stored in one format, as another: the same text when the formats match, otherwise
 * re-serialised (JSON pretty-printed with two spaces).
 * @throws SsmError `ValidationException` when TEXT is asked for JSON or YAML content.
 */
export function convertContent(content: string, from: DocumentFormat, to: DocumentFormat): string {
  if (from === to) return content;
  if (to === "TEXT" || from === "TEXT") {
    throw validationError(`A ${from} document can't be returned as ${to}; ask for JSON or YAML.`);
  }
  const value = decodeDocument(content, from);
  return to === "JSON" ? `${JSON.stringify(value, null, 2)}\n` : stringifyYaml(value, { version: "1.2" });
}
