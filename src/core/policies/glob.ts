/**
 * IAM wildcard matching: `*` (any run of characters) and `?` (one character), with a linear-time
 * matcher instead of regular expressions, plus AWS's segment-wise ARN matching.
 */

/** One element of a compiled pattern: a literal character, `*` or `?`. */
export type GlobToken =
  | { readonly kind: "char"; readonly ch: string }
  | { readonly kind: "star" }
  | { readonly kind: "one" };

/** Compiles text in which `*` and `?` are wildcards. */
export function globTokens(text: string): GlobToken[] {
  return Array.from(text, (ch): GlobToken => (ch === "*" ? STAR : ch === "?" ? ONE : { kind: "char", ch }));
}

/** Compiles text taken literally (a policy variable's value, `${*}`): no wildcards. */
export function literalTokens(text: string): GlobToken[] {
  return Array.from(text, (ch): GlobToken => ({ kind: "char", ch }));
}

const STAR: GlobToken = { kind: "star" };
const ONE: GlobToken = { kind: "one" };

/** True when the whole of `subject` matches `pattern`; `ignoreCase` folds both to lower case. */
export function globMatch(pattern: readonly GlobToken[], subject: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.map(lower) : pattern;
  const s = Array.from(ignoreCase ? subject.toLowerCase() : subject);
  let pi = 0;
  let si = 0;
  let starAt = -1;
  let starSi = 0;
  while (si < s.length) {
    const t = p[pi];
    if (t !== undefined && (t.kind === "one" || (t.kind === "char" && t.ch === s[si]))) {
      pi++;
      si++;
    } else if (t?.kind === "star") {
      starAt = pi++;
      starSi = si;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      si = ++starSi;
    } else {
      return false;
    }
  }
  while (p[pi]?.kind === "star") pi++;
  return pi === p.length;
}

function lower(t: GlobToken): GlobToken {
  return t.kind === "char" ? { kind: "char", ch: t.ch.toLowerCase() } : t;
}

/**
 * AWS ARN matching (Resource, NotResource, ArnLike, ArnEquals): case-sensitive; the five leading
 * segments (`arn`, partition, service, region, account) match one by one, so a wildcard never
 * crosses a colon there and an empty segment (`arn:aws:ssm:us-east-1::document/AWS-*`) matches only
 * an empty one, while `*` also matches an empty one. The resource part (after the fifth colon) may
 * contain colons. A pattern without colons (`*`) matches whole strings; a shorter pattern ending in
 * `*` (`arn:aws:ssm:*`) lets that last `*` run over the remaining segments.
 */
export function arnMatch(pattern: readonly GlobToken[], subject: string): boolean {
  const pSegs = splitTokens(pattern);
  if (pSegs.length === 1) return globMatch(pattern, subject);
  const sSegs = splitArn(subject);
  const last = pSegs.length - 1;
  const spans = pSegs.length < 6 && pattern[pattern.length - 1]?.kind === "star";
  if (spans ? sSegs.length < pSegs.length : sSegs.length !== pSegs.length) return false;
  for (let i = 0; i < last; i++) if (!globMatch(pSegs[i] ?? [], sSegs[i] ?? "")) return false;
  return globMatch(pSegs[last] ?? [], spans ? sSegs.slice(last).join(":") : (sSegs[last] ?? ""));
}

/** Splits a pattern at its first five literal colons. */
function splitTokens(pattern: readonly GlobToken[]): GlobToken[][] {
  const segs: GlobToken[][] = [[]];
  for (const t of pattern) {
    if (t.kind === "char" && t.ch === ":" && segs.length < 6) segs.push([]);
    else segs[segs.length - 1]?.push(t);
  }
  return segs;
}

/** Splits an ARN at its first five colons; the sixth part keeps any further colons. */
export function splitArn(arn: string): string[] {
  const parts = arn.split(":");
  return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(":")];
}
