import { decodeDocument } from "../../protocol/document/parse-document.ts";
import { isSecretParameterName } from "./redact.ts";

/**
 * The names of a Command document's parameters whose values the trail hides: those whose
 * definition says `"noEcho": true`, and those whose name matches /password|secret|token|key/i.
 * SSM documents have no secret marker of their own; this is fleetrun's convention
 * (docs/decisions.md). Without readable content only the name rule applies.
 */
export function secretParameterPredicate(documentContent: string | undefined): (name: string) => boolean {
  const noEcho = new Set<string>();
  const definitions = documentContent === undefined ? undefined : parametersSection(documentContent);
  for (const [name, definition] of Object.entries(definitions ?? {})) {
    if (isObject(definition) && definition.noEcho === true) noEcho.add(name);
  }
  return (name) => noEcho.has(name) || isSecretParameterName(name);
}

function parametersSection(content: string): Record<string, unknown> | undefined {
  let root: unknown;
  try {
    root = decodeDocument(content);
  } catch {
    // Not a readable document: the name rule still applies.
    return undefined;
  }
  return isObject(root) && isObject(root.parameters) ? root.parameters : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
