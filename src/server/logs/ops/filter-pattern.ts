/**
 * The term subset of CloudWatch Logs filter patterns for unstructured events: space-separated
 * terms must all appear (case-sensitive), `"quoted phrases"` appear as written, a `-term` must not
 * appear; an empty pattern matches everything. JSON and space-delimited patterns are not supported.
 */
export function matchesFilterPattern(pattern: string, message: string): boolean {
  const terms = pattern.match(/-?"[^"]*"|\S+/g) ?? [];
  return terms.every((raw) => {
    const negated = raw.startsWith("-") && raw.length > 1;
    const body = negated ? raw.slice(1) : raw;
    const term = body.startsWith('"') && body.endsWith('"') && body.length >= 2 ? body.slice(1, -1) : body;
    return message.includes(term) !== negated;
  });
}
