import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { forEachString, hasSsmReference, referencedNames, wholeReference } from "./references.ts";

describe("parameter references", () => {
  it("finds {{ name }} as the agent does: ASCII letters and digits, blanks inside the braces", () => {
    assert.deepEqual(referencedNames("a {{x}} b {{ y1 }} {{\tx\t}} {{ my_param }} {{ssm:/p}} {{ z"), ["x", "y1"]);
    assert.equal(wholeReference("{{ commands }}"), "commands");
    assert.equal(wholeReference(" {{ commands }}"), undefined);
    assert.equal(wholeReference("{{ a }}{{ b }}"), undefined);
  });

  it("recognises Parameter Store references", () => {
    assert.equal(hasSsmReference("{{ssm:/app/url}}"), true);
    assert.equal(hasSsmReference("{{ ssm-secure:pw }}"), true);
    assert.equal(hasSsmReference("{{ ssmName }}"), false);
  });

  it("visits every string value with its path, not map keys", () => {
    const seen: [string, string][] = [];
    forEachString({ a: ["x", { "b-c": "y", n: 1 }], "{{ k }}": "z" }, "inputs", (text, path) => {
      seen.push([path, text]);
    });
    assert.deepEqual(seen, [
      ["inputs.a[0]", "x"],
      ['inputs.a[1]["b-c"]', "y"],
      ['inputs["{{ k }}"]', "z"],
    ]);
  });
});
