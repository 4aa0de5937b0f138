/**
 * Java regular expressions from the SSM model, compiled once as JavaScript `RegExp`s.
 *
 * Patterns are applied with find semantics (`RegExp#test`): a pattern constrains the whole value
 * only where it anchors itself with `^`/`$`, which is how AWS evaluates the model's patterns
 * (e.g. `([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)` leaves its first two branches unanchored).
 */

/** Characters that may follow a backslash anywhere in a `u`-mode JavaScript pattern. */
const JS_SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);

const cache = new Map<string, RegExp | null>();

/** A Java pattern rewritten for JavaScript: its source and the flags it needs besides `u`. */
export interface ConvertedPattern {
  readonly source: string;
  readonly flags: string;
}

/**
 * Rewrites the Java-only parts of a pattern that `u`-mode JavaScript rejects: a leading `(?i)`
 * becomes the `i` flag, identity escapes of ordinary punctuation (`\:`, `\@`, `\-` outside a class)
 * lose their backslash, and a `-` right after a class escape inside `[...]` (`[\w-\/]`, literal in
 * Java) is escaped.
 */
export function convertJavaPattern(pattern: string): ConvertedPattern {
  let flags = "";
  let rest = pattern;
  if (rest.startsWith("(?i)")) {
    flags = "i";
    rest = rest.slice(4);
  }
  let source = "";
  let inClass = false;
  let afterClassEscape = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === "\\") {
      const next = rest[i + 1];
      i++;
      if (next === undefined) return { source: `${source}\\\\`, flags };
      if (/[A-Za-z0-9]/.test(next)) {
        source += `\\${next}`;
        afterClassEscape = inClass && /[dDwWsSpP]/.test(next);
        if ((next === "p" || next === "P") && rest[i + 1] === "{") {
          const end = rest.indexOf("}", i);
          source += rest.slice(i + 1, end + 1);
          i = end;
        }
        continue;
      }
      source += JS_SYNTAX.has(next) || (inClass && next === "-") ? `\\${next}` : next;
      afterClassEscape = false;
      continue;
    }
    if (inClass && c === "-" && afterClassEscape && rest[i + 1] !== "]") source += "\\-";
    else source += c;
    afterClassEscape = false;
    if (c === "[" && !inClass) {
      inClass = true;
      if (rest[i + 1] === "^") source += rest[++i];
    } else if (c === "]" && inClass) {
      inClass = false;
    }
  }
  return { source, flags };
}

/**
 * The compiled form of a Java pattern, cached per pattern text; `undefined` when it cannot be
 * expressed in JavaScript (such a pattern is not enforced; `uncompilablePatterns` lists them).
 */
export function compileJavaPattern(pattern: string): RegExp | undefined {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  const { source, flags } = convertJavaPattern(pattern);
  const compiled = tryRegExp(source, `${flags}u`) ?? tryRegExp(source, flags);
  cache.set(pattern, compiled ?? null);
  return compiled;
}

/** Of the given patterns, those `compileJavaPattern` could not compile. */
export function uncompilablePatterns(patterns: Iterable<string>): string[] {
  return [...patterns].filter((p) => compileJavaPattern(p) === undefined);
}

function tryRegExp(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
