import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileAllowedPattern } from "./allowed-pattern.ts";

function matcher(pattern: string): (value: string) => boolean {
  const compiled = compileAllowedPattern(pattern);
  assert.ok(compiled.ok, `pattern ${pattern} should compile`);
  return (value) => compiled.regex.test(value);
}

describe("compileAllowedPattern", () => {
  it("finds a match anywhere unless the pattern is anchored, like Java find() and Go MatchString", () => {
    const unanchored = matcher("[0-9]+");
    assert.equal(unanchored("abc123"), true);
    assert.equal(unanchored("abc"), false);
    const anchored = matcher("^[0-9]+$");
    assert.equal(anchored("abc123"), false);
    assert.equal(anchored("123"), true);
  });

  it("uses Unicode mode so \\p{L} means letters, and falls back for patterns Unicode mode rejects", () => {
    const letters = matcher("^\\p{L}+$");
    assert.equal(letters("Grüße"), true);
    assert.equal(letters("p{L}"), false);
    const braces = matcher("^a{$");
    assert.equal(braces("a{"), true);
  });

  it("translates Go/Java-only syntax: leading flags, \\A and \\z, (?P<name>), POSIX classes, leading ]", () => {
    assert.equal(matcher("(?i)^abc$")("ABC"), true);
    const whole = matcher("\\Aab\\z");
    assert.equal(whole("ab"), true);
    assert.equal(whole("ab\n"), false);
    assert.equal(matcher("^(?P<word>[a-z]+)$")("abc"), true);
    const alpha = matcher("^[[:alpha:]_]+$");
    assert.equal(alpha("ab_c"), true);
    assert.equal(alpha("ab1"), false);
    const bracket = matcher("^[]a]+$");
    assert.equal(bracket("]a]"), true);
    assert.equal(matcher("^\\[:alpha:\\]$")("[:alpha:]"), true);
  });

  it("refuses patterns it cannot honour instead of mis-validating", () => {
    for (const pattern of ["([a-z]", "(?U)a+", "[[:^alpha:]]", "\\p{Foo}+["]) {
      const compiled = compileAllowedPattern(pattern);
      assert.equal(compiled.ok, false, pattern);
    }
  });
});
