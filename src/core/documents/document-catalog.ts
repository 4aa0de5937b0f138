import { BUILTIN_DOCUMENTS, documentHash } from "../../protocol/document/index.ts";
import { SsmError } from "../../protocol/errors.ts";

/** A document version as a command uses it. */
export interface ResolvedDocument {
  name: string;
  version: string;
  content: string;
  hash: string;
}

/** Where documents come from: built-ins now, stored documents later, behind one interface. */
export interface DocumentCatalog {
  /** Resolves a name (or ARN) and version (`$DEFAULT`, `$LATEST`, a number or undefined). */
  resolve(name: string, version: string | undefined): Promise<ResolvedDocument>;
}

/** Strips an ARN down to the document name (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`). */
export function documentNameOf(nameOrArn: string): string {
  const slash = nameOrArn.startsWith("arn:") ? nameOrArn.lastIndexOf("/") : -1;
  return slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}

/** The read-only built-in documents (Owner `Amazon`), each at version 1. */
export class BuiltinDocumentCatalog implements DocumentCatalog {
  async resolve(nameOrArn: string, version: string | undefined): Promise<ResolvedDocument> {
    const name = documentNameOf(nameOrArn);
    const doc = BUILTIN_DOCUMENTS.find((d) => d.name === name);
    if (!doc) throw new SsmError("InvalidDocument", `Document ${name} does not exist or is not shared with you.`);
    if (version !== undefined && version !== "" && !["$DEFAULT", "$LATEST", "1"].includes(version)) {
      throw new SsmError("InvalidDocumentVersion", `Document ${name} has no version ${version}.`);
    }
    return { name, version: "1", content: doc.content, hash: documentHash(doc.content) };
  }
}
