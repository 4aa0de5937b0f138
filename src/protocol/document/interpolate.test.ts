import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandGoTemplate, interpolate } from "./interpolate.ts";

describe("interpolate", () => {
  it("replaces a string that is exactly one placeholder by the typed value (a list stays a list)", () => {
    assert.deepEqual(interpolate("{{ commands }}", { commands: ["echo hi", "ls"] }), ["echo hi", "ls"]);
    assert.equal(interpolate("{{count}}", { count: 5 }), 5);
    assert.equal(interpolate("{{ flag }}", { flag: false }), false);
  });

  it("substitutes placeholders inside text, JSON-encoding non-strings", () => {
    assert.equal(interpolate("run {{ commands }} now", { commands: ["a", "b"] }), 'run ["a","b"] now');
    assert.equal(interpolate("n={{ n }}, m={{ m }}", { n: 5, m: { k: "v" } }), 'n=5, m={"k":"v"}');
    assert.equal(interpolate("A {{ p1 }} is a {{ p1 }}.", { p1: "name" }), "A name is a name.");
    assert.equal(interpolate("{{ a }}{{ b }}", { a: "x", b: "y" }), "xy");
  });

  it("turns $$ in a substituted value into $, as Go's ReplaceAllString does", () => {
    assert.equal(interpolate("price: {{ p }}", { p: "$$5" }), "price: $5");
    // A whole-value replacement is not expanded.
    assert.equal(interpolate("{{ p }}", { p: "$$5" }), "$$5");
  });

  it("allows whitespace inside the braces", () => {
    assert.equal(interpolate("{{name}}|{{ name }}|{{\tname\n}}", { name: "x" }), "x|x|x");
    assert.deepEqual(interpolate("{{   list   }}", { list: ["a"] }), ["a"]);
  });

  it("leaves unknown names, invalid names and {{ssm:...}} references as they are", () => {
    assert.equal(interpolate("{{ missing }}", { other: "x" }), "{{ missing }}");
    assert.equal(interpolate("a {{ missing }} b {{ other }}", { other: "x" }), "a {{ missing }} b x");
    assert.equal(interpolate("{{ my-name }}", { "my-name": "x" }), "{{ my-name }}");
    assert.equal(interpolate("{{ssm:/app/key}} {{ ssm:name }}", { ssm: "x" }), "{{ssm:/app/key}} {{ ssm:name }}");
  });

  it("walks arrays and objects recursively without touching keys or non-strings", () => {
    const input = { "{{ k }}": ["{{ k }}", { deep: "x{{ k }}" }], n: 3, b: true, z: null };
    assert.deepEqual(interpolate(input, { k: "v" }), { "{{ k }}": ["v", { deep: "xv" }], n: 3, b: true, z: null });
  });

  it("never re-substitutes text that came from a value", () => {
    assert.equal(interpolate("{{ a }} {{ b }}", { a: "{{ b }}", b: "x" }), "{{ b }} x");
  });

  it("does not share the caller's list with the result", () => {
    const commands = ["ls"];
    const result = interpolate("{{ commands }}", { commands }) as string[];
    result.push("rm");
    assert.deepEqual(commands, ["ls"]);
  });
});

describe("expandGoTemplate", () => {
  it("follows Go's Regexp.Expand for a pattern without groups", () => {
    assert.equal(expandGoTemplate("a$$b", "{{ x }}"), "a$b");
    assert.equal(expandGoTemplate("echo $HOME/bin", "{{ x }}"), "echo /bin");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's ${name} template syntax is the subject here.
    assert.equal(expandGoTemplate("${HOME}x", "{{ x }}"), "x");
    assert.equal(expandGoTemplate("$1 and $0", "{{ x }}"), " and {{ x }}");
    assert.equal(expandGoTemplate("$(date) ${x $", "{{ x }}"), "$(date) ${x $");
  });
});
