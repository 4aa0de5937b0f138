import {
  documentReferences,
  MAX_DOCUMENT_NESTING,
  nestedParameters,
} from "../../protocol/document/document-references.ts";
import {
  type CommandDocument,
  type PlannedStep,
  parseDocument,
  planSteps,
  type TypedParameters,
} from "../../protocol/document/index.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { DocumentCatalog } from "./document-catalog.ts";

/** Most documents one invocation carries (each at most 64 KB). */
export const MAX_ATTACHED_DOCUMENTS = 20;

/**
 * The stored documents an invocation's steps refer to (`aws:runDocument` and
 * `aws:downloadContent` with SSMDocument), so the agent needs no extra round trip: content by
 * the key the step wrote (`name` or `name:version`). References are read from the steps after
 * interpolation with the command's parameters, and followed into the documents found (with the
 * `documentParameters` the referring step passes) down to {@link MAX_DOCUMENT_NESTING} levels.
 * A document the catalog does not know is left out; the agent then fails that step.
 */
export async function attachedDocuments(
  catalog: DocumentCatalog,
  documentContent: string,
  parameters: TypedParameters,
): Promise<Record<string, string>> {
  const attached: Record<string, string> = {};
  let level = planned(parseOrUndefined(documentContent), parameters);
  for (let depth = 1; depth <= MAX_DOCUMENT_NESTING && level.length > 0; depth++) {
    const next: PlannedStep[] = [];
    for (const ref of documentReferences(level)) {
      if (Object.hasOwn(attached, ref.key) || Object.keys(attached).length >= MAX_ATTACHED_DOCUMENTS) continue;
      const content = await contentOf(catalog, ref.name, ref.version);
      if (content === undefined) continue;
      attached[ref.key] = content;
      const doc = parseOrUndefined(content);
      if (doc) next.push(...planned(doc, typedFor(doc, candidateParameters(level, ref.key))));
    }
    level = next;
  }
  return attached;
}

async function contentOf(catalog: DocumentCatalog, name: string, version: string | undefined) {
  try {
    return (await catalog.resolve(name, version)).content;
  } catch (error) {
    if (error instanceof SsmError) return undefined;
    throw error;
  }
}

/**
 * The `documentParameters` a referenced document may run with: those of the aws:runDocument step
 * that names it, else those of the steps that run a downloaded (LocalPath) document.
 */
function candidateParameters(steps: readonly PlannedStep[], key: string): unknown[] {
  const runs = steps.filter((s) => s.action === "aws:runDocument");
  const own = runs.filter((s) => s.inputs.documentType === "SSMDocument" && s.inputs.documentPath === key);
  const chosen = own.length > 0 ? own : runs.filter((s) => s.inputs.documentType === "LocalPath");
  return chosen.map((s) => s.inputs.documentParameters);
}

/** The first candidate that types against the document; no parameters (defaults only) otherwise. */
function typedFor(doc: CommandDocument, candidates: unknown[]): TypedParameters {
  for (const raw of candidates) {
    try {
      return nestedParameters(doc.parameters, raw);
    } catch (error) {
      if (!(error instanceof SsmError)) throw error;
    }
  }
  return {};
}

function planned(doc: CommandDocument | undefined, parameters: TypedParameters): PlannedStep[] {
  return doc ? planSteps(doc, parameters) : [];
}

function parseOrUndefined(content: string): CommandDocument | undefined {
  try {
    return parseDocument(content);
  } catch (error) {
    if (error instanceof SsmError) return undefined;
    throw error;
  }
}
