/**
 * `allowedPattern` compilation. AWS checks the pattern with Java regex at the API and with Go's
 * RE2 on the agent, both "find anywhere" unless the pattern anchors itself. JavaScript's
 * `RegExp.test` has the same find semantics; this module bridges the syntax the three disagree on.
 */

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const LEADING_FLAGS = /^\(\?([imsU]+)\)/;
const MAX_CACHED = 256;
const cache = new Map<string, CompiledPattern>();

/** The outcome of compiling an `allowedPattern`: the RegExp, or why it cannot be used. */
export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; reason: string };

/**
 * Compiles an `allowedPattern` into a JavaScript RegExp with the same find-anywhere meaning.
 * Uses the `u` flag when the pattern allows it (so `\p{L}` works) and falls back without it.
 * Results are cached: the same few patterns are checked for every command.
 */
export function compileAllowedPattern(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let compiled: CompiledPattern;
  try {
    compiled = { ok: true, regex: compile(pattern) };
  } catch (error) {
    compiled = { ok: false, reason: describe(error) };
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): RegExp {
  let flags = "";
  let body = pattern;
  const leading = LEADING_FLAGS.exec(body);
  if (leading !== null) {
    const letters = leading[1] ?? "";
    if (letters.includes("U")) throw new Error("the ungreedy flag (?U) is not supported");
    flags = [...new Set(letters)].join("");
    body = body.slice(leading[0].length);
  }
  const source = translate(body);
  try {
    return new RegExp(source, `${flags}u`);
  } catch (unicodeError) {
    // Without `u`, `\p{L}` silently means the text "p{L}": refuse rather than mis-validate.
    if (/\\[pP]\{/.test(source)) throw new Error(describe(unicodeError));
    try {
      return new RegExp(source, flags);
    } catch (plainError) {
      throw new Error(describe(plainError));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rewrites Java/Go-only syntax (`\A`, `\z`, `\Z`, `(?P<`, POSIX classes, leading `]`). */
function translate(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      i++;
      if (!inClass && next === "A") out += "(?<![\\s\\S])";
      else if (!inClass && next === "z") out += "(?![\\s\\S])";
      else if (!inClass && next === "Z") out += "(?=\\n?(?![\\s\\S]))";
      else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      const range = posix === null ? undefined : POSIX_CLASSES[posix[2] ?? ""];
      if (posix !== null && range !== undefined) {
        if (posix[1] === "^") throw new Error(`negated POSIX class ${posix[0]} is not supported`);
        out += range;
        i += posix[0].length - 1;
        continue;
      }
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += "[";
      if (pattern[i + 1] === "^") {
        out += "^";
        i++;
      }
      // In Java and Go a `]` right after the opening bracket is a literal, in JS it closes the class.
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (ch === "(" && pattern.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    out += ch;
  }
  return out;
}
