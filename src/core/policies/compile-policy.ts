/**
 * Parses and checks whole policy documents, and keeps their compiled form for evaluation.
 */

import { SsmError } from "../../protocol/errors.ts";
import { type CompiledStatement, compileStatement, isObject, StatementProblem } from "./compile-statement.ts";
import { POLICY_VERSION, type PolicyDocument } from "./policy-document.ts";

const TOP_KEYS = ["Version", "Id", "Statement"];
const VERSIONS = [POLICY_VERSION, "2008-10-17"];
const compiled = new WeakMap<object, readonly CompiledStatement[]>();

/**
 * Parses a policy document (JSON text) and checks it against the IAM grammar. The result is deeply
 * frozen, so its compiled form can be cached.
 * @throws SsmError ValidationException naming the problem and, for statement problems, the
 *   statement's index (and Sid).
 */
export function parsePolicy(json: string): PolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(pastedWhitespaceToSpaces(json));
  } catch (err) {
    throw invalid(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const statements = compileDocument(raw);
  const doc = deepFreeze(raw) as PolicyDocument;
  compiled.set(doc, statements);
  return doc;
}

/**
 * The compiled statements of a document, compiled on first use (a document built in code rather
 * than by parsePolicy is checked here). Documents must not be mutated after their first use.
 * @throws SsmError ValidationException when the document breaks the grammar.
 */
export function compiledStatements(doc: PolicyDocument): readonly CompiledStatement[] {
  let statements = compiled.get(doc);
  if (statements === undefined) {
    statements = compileDocument(doc);
    compiled.set(doc, statements);
  }
  return statements;
}

function compileDocument(raw: unknown): CompiledStatement[] {
  if (!isObject(raw)) throw invalid("the document must be a JSON object");
  if (raw.Statement === undefined && raw.Effect !== undefined)
    throw invalid('this is a single statement: wrap it as {"Version":"2012-10-17","Statement":[...]}');
  for (const key of Object.keys(raw))
    if (!TOP_KEYS.includes(key)) throw invalid(`unknown top-level key "${key}" (expected ${TOP_KEYS.join(", ")})`);
  const version = raw.Version;
  if (version !== undefined && (typeof version !== "string" || !VERSIONS.includes(version)))
    throw invalid(`Version must be "${POLICY_VERSION}" (or the legacy "2008-10-17")`);
  if (raw.Id !== undefined && typeof raw.Id !== "string") throw invalid("Id must be a string");
  const list: unknown[] = Array.isArray(raw.Statement)
    ? raw.Statement
    : raw.Statement === undefined
      ? []
      : [raw.Statement];
  if (list.length === 0) throw invalid("Statement is missing or empty");
  const sids = new Set<string>();
  return list.map((s, i) => {
    const sid = isObject(s) && typeof s.Sid === "string" ? s.Sid : "";
    try {
      const st = compileStatement(s, i, version === POLICY_VERSION);
      if (sid !== "" && sids.has(sid)) throw new StatementProblem(`Sid "${sid}" is not unique in the policy`);
      sids.add(sid);
      return st;
    } catch (err) {
      if (!(err instanceof StatementProblem)) throw err;
      throw invalid(`Statement[${i}]${sid === "" ? "" : ` (Sid "${sid}")`}: ${err.message}`);
    }
  });
}

/**
 * Policies copied from web pages often indent with no-break spaces (U+00A0, U+202F) or start with a
 * byte-order mark, which JSON does not count as whitespace; outside string literals they become
 * plain spaces. Strings are left exactly as written.
 */
function pastedWhitespaceToSpaces(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] ?? "";
    if (inString) {
      if (ch === "\\") {
        out += ch + (json[i + 1] ?? "");
        i++;
        continue;
      }
      if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === "\u00a0" || ch === "\u202f" || ch === "\ufeff") {
      out += " ";
      continue;
    }
    out += ch;
  }
  return out;
}

function invalid(problem: string): SsmError {
  return new SsmError("ValidationException", `Invalid policy document: ${problem}`);
}

function deepFreeze(v: unknown): unknown {
  if (typeof v === "object" && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}
