import { SsmError } from "../../protocol/errors.ts";
import type { DocumentRecord, DocumentVersionRecord } from "../ports/document-store.ts";

/** How a request names a version: `DocumentVersion` (`$DEFAULT`, `$LATEST`, a number) and/or `VersionName`. */
export interface VersionSelector {
  documentVersion?: string | undefined;
  versionName?: string | undefined;
}

/** Reads versions of one document. */
export interface VersionSource {
  byNumber(version: number): Promise<DocumentVersionRecord | undefined>;
  byName(versionName: string): Promise<DocumentVersionRecord | undefined>;
}

const NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * The number a `DocumentVersion` value stands for: absent, empty or `$DEFAULT` → the default,
 * `$LATEST` → the latest, digits → that number; undefined for anything else.
 */
export function versionNumberOf(doc: DocumentRecord, documentVersion: string | undefined): number | undefined {
  if (documentVersion === undefined || documentVersion === "" || documentVersion === "$DEFAULT") {
    return doc.defaultVersion;
  }
  if (documentVersion === "$LATEST") return doc.latestVersion;
  return NUMBER.test(documentVersion) ? Number(documentVersion) : undefined;
}

/**
 * The version a selector picks. With both members, they must name the same version.
 * @throws SsmError `InvalidDocumentVersion` (or `notFound`) when no such version exists.
 */
export async function selectVersion(
  doc: DocumentRecord,
  selector: VersionSelector,
  source: VersionSource,
  notFound: "InvalidDocumentVersion" | "InvalidDocument" = "InvalidDocumentVersion",
): Promise<DocumentVersionRecord> {
  const missing = (what: string) => new SsmError(notFound, `Document ${doc.name} has no version ${what}.`);
  if (selector.versionName !== undefined) {
    const named = await source.byName(selector.versionName);
    if (!named) throw missing(`named ${selector.versionName}`);
    if (selector.documentVersion !== undefined && versionNumberOf(doc, selector.documentVersion) !== named.version) {
      throw missing(`${selector.documentVersion} named ${selector.versionName}`);
    }
    return named;
  }
  const number = versionNumberOf(doc, selector.documentVersion);
  const version = number === undefined ? undefined : await source.byNumber(number);
  if (!version) throw missing(selector.documentVersion ?? "");
  return version;
}
