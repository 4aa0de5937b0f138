/** A document version as a command uses it. */
export interface ResolvedDocument {
  name: string;
  version: string;
  content: string;
  hash: string;
}

/** Where SendCommand finds documents: the built-ins and the stored ones, behind one interface. */
export interface DocumentCatalog {
  /**
   * Resolves a name (or ARN) and version (`$DEFAULT`, `$LATEST`, a number, or undefined/empty for
   * the default).
   * @throws SsmError `InvalidDocument` for an unknown name, `InvalidDocumentVersion` for an unknown version.
   */
  resolve(name: string, version: string | undefined): Promise<ResolvedDocument>;
}

/** Strips an ARN down to the document name (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`). */
export function documentNameOf(nameOrArn: string): string {
  const slash = nameOrArn.startsWith("arn:") ? nameOrArn.lastIndexOf("/") : -1;
  return slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}
