import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { secretParameterPredicate } from "./secret-parameters.ts";

describe("secretParameterPredicate", () => {
  it("hides parameters marked noEcho and those named like secrets", () => {
    const content = JSON.stringify({
      schemaVersion: "2.2",
      parameters: {
        greeting: { type: "String", noEcho: true },
        commands: { type: "StringList" },
        apiToken: { type: "String" },
        echoed: { type: "String", noEcho: false },
      },
      mainSteps: [],
    });
    const isSecret = secretParameterPredicate(content);
    assert.deepEqual(["greeting", "commands", "apiToken", "echoed"].filter(isSecret), ["greeting", "apiToken"]);
  });

  it("reads YAML documents too", () => {
    const isSecret = secretParameterPredicate(
      "schemaVersion: '2.2'\nparameters:\n  motto:\n    type: String\n    noEcho: true\nmainSteps: []\n",
    );
    assert.ok(isSecret("motto"));
  });

  it("falls back to the name rule without a readable document", () => {
    for (const isSecret of [secretParameterPredicate(undefined), secretParameterPredicate("{not a document")]) {
      assert.ok(isSecret("password"));
      assert.ok(!isSecret("commands"));
    }
  });
});
