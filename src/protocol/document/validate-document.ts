import { SsmError } from "../errors.ts";
import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { injectionWarningsAt } from "./injection-lint.ts";
import { decodeDocument, documentFromObject } from "./parse-document.ts";
import { stepLocations } from "./step-locations.ts";
import { type CommandDocument, SUPPORTED_SCHEMA_VERSIONS } from "./types.ts";
import { checkParameterDefinitions } from "./validate-parameters.ts";
import { checkSteps } from "./validate-steps.ts";

/** A document that passed validation, with what CreateDocument reports in `StatusInformation`. */
export interface ValidatedDocument {
  document: CommandDocument;
  /** One message each, starting with the path concerned; empty when there is nothing to say. */
  warnings: string[];
}

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  "schemaVersion",
  "description",
  "parameters",
  "runtimeConfig",
  "mainSteps",
]);

/**
 * Validates Command document text for CreateDocument / UpdateDocument: everything
 * `parseDocument` checks, plus schema layout (1.2 uses `runtimeConfig`, 2.x `mainSteps`, never
 * both), parameter definitions, step names, plugins and their inputs, `{{ }}` references,
 * flow controls and preconditions. Throws `InvalidDocumentSchemaVersion` for a schemaVersion
 * Command documents cannot use, otherwise `InvalidDocumentContent` with a message that starts
 * with the path of the offending element (`mainSteps[1].inputs.runCommand: ...`). Returns the
 * parsed document and warnings: plugins fleetrun's agent cannot run, ignored fields, and
 * parameters spliced into script text without a constraint (see `injectionWarnings`).
 */
export function validateDocument(content: string, format?: "JSON" | "YAML"): ValidatedDocument {
  const root = decodeDocument(content, format);
  if (!isPlainObject(root)) throw documentError("", "the document must be a JSON or YAML object");
  checkSchemaVersion(root.schemaVersion);
  const document = documentFromObject(root);
  const warnings: string[] = [];
  checkLayout(root, document.schemaVersion, warnings);
  checkParameterDefinitions(root.parameters, document.parameters, warnings);
  const locations = stepLocations(document, root);
  checkSteps(document, locations, warnings);
  warnings.push(...injectionWarningsAt(document, locations));
  return { document, warnings };
}

function checkSchemaVersion(raw: unknown): void {
  if (typeof raw !== "string" && typeof raw !== "number") return;
  const version = String(raw);
  if (SUPPORTED_SCHEMA_VERSIONS.includes(version)) return;
  const hint = typeof raw === "number" ? `; quote it, it was read as the number ${version}` : "";
  throw new SsmError(
    "InvalidDocumentSchemaVersion",
    `schemaVersion: ${JSON.stringify(raw)} is not supported for Command documents (use 1.2, 2.0 or 2.2${hint})`,
  );
}

function checkLayout(root: Record<string, unknown>, schemaVersion: string, warnings: string[]): void {
  const isSchema12 = schemaVersion.startsWith("1.");
  const misplaced = isSchema12 ? "mainSteps" : "runtimeConfig";
  if (root[misplaced] !== undefined && root[misplaced] !== null) {
    throw documentError(
      misplaced,
      isSchema12
        ? "is not allowed in schema 1.2, which uses runtimeConfig"
        : `is not allowed in schema ${schemaVersion}, which uses mainSteps`,
    );
  }
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.has(key))
      warnings.push(`${childPath("", key)}: is not a Command document field and is ignored`);
  }
}
