import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileJavaPattern, convertJavaPattern, uncompilablePatterns } from "./java-regex.ts";
import { ssmModel } from "./model.ts";
import { typedSsmOperations } from "./types.ts";

/** Patterns of every shape reachable from the given operations' inputs and outputs. */
function patternsOf(operations: readonly string[]): Set<string> {
  const patterns = new Set<string>();
  const seen = new Set<string>();
  const stack = operations.flatMap((op) => {
    const { input, output } = ssmModel.operations[op]!;
    return [input, output].filter((s): s is string => s !== undefined);
  });
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const shape = ssmModel.shapes[name]!;
    if (shape.pattern !== undefined) patterns.add(shape.pattern);
    stack.push(...Object.values(shape.members ?? {}));
    for (const child of [shape.member, shape.key, shape.value]) if (child !== undefined) stack.push(child);
  }
  return patterns;
}

describe("compileJavaPattern", () => {
  it("compiles every pattern of the operations fleetrun serves", () => {
    const patterns = patternsOf(typedSsmOperations);
    assert.ok(patterns.size >= 20, `only ${patterns.size} patterns found`);
    assert.deepEqual(uncompilablePatterns(patterns), []);
  });

  it("compiles every pattern of the whole model", () => {
    assert.deepEqual(uncompilablePatterns(patternsOf(Object.keys(ssmModel.operations))), []);
  });

  it("turns a leading (?i) into the i flag", () => {
    const regex = compileJavaPattern("(?i)all|[0-9]{12}")!;
    assert.ok(regex.test("ALL"));
    assert.ok(!regex.test("none"));
  });

  it("drops identity escapes that u-mode JavaScript rejects", () => {
    assert.equal(convertJavaPattern("^[\\w\\.\\-\\:\\/ ]*$").source, "^[\\w\\.\\-:\\/ ]*$");
    assert.equal(convertJavaPattern("a\\-b\\@c").source, "a-b@c");
    const display = compileJavaPattern("^[\\w\\.\\-\\:\\/ ]*$")!;
    assert.ok(display.test("My Doc: v1.0/x-y"));
    assert.ok(!display.test("bad*name"));
  });

  it("keeps a hyphen after a class escape literal, as Java does", () => {
    const role = compileJavaPattern("^arn:aws[a-z0-9-]*:iam::\\d{12}:role\\/[\\w-\\/.@+=,]{1,1017}$")!;
    assert.ok(role.test("arn:aws:iam::123456789012:role/my-role/path"));
    assert.ok(!role.test("arn:aws:iam::123456789012:role/a b"));
  });

  it("supports Unicode property classes", () => {
    const tag = compileJavaPattern("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$")!;
    assert.ok(tag.test("日本 Größe 42"));
    assert.ok(!tag.test("semi;colon"));
  });

  it("returns the same RegExp for the same pattern", () => {
    assert.equal(compileJavaPattern("^[0-9]{12}$"), compileJavaPattern("^[0-9]{12}$"));
  });

  it("reports patterns JavaScript cannot express", () => {
    assert.deepEqual(uncompilablePatterns(["(?<=a", "^ok$"]), ["(?<=a"]);
  });
});
