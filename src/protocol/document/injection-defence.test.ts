import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { checkTypedParameters, resolveParameters } from "./parameters.ts";
import { planSteps } from "./plugin-steps.ts";
import { validateDocument } from "./validate-document.ts";

/** The value issue 3 asks about: it closes a double quote and runs its own command. */
const HOSTILE = 'x"; rm -rf /tmp/victim; echo "';

function invalidParameters(run: () => unknown): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SsmError);
    assert.equal(error.code, "InvalidParameters");
    assert.match(
      error.message,
      /^Parameter "name": value .* does not match the allowed pattern \^\[a-zA-Z0-9 \]\+\$\.$/,
    );
    return true;
  });
}

describe("a hostile parameter value cannot escape into script text", () => {
  it("with interpolationType ENV_VAR: the value reaches the step only through SSM_name", () => {
    const { document, warnings } = validateDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: { name: { type: "String", interpolationType: "ENV_VAR" } },
        mainSteps: [
          { action: "aws:runShellScript", name: "greet", inputs: { runCommand: ['echo "Hello $SSM_name"', "date"] } },
        ],
      }),
    );
    assert.deepEqual(warnings, []);
    const params = resolveParameters(document.parameters, { name: [HOSTILE] });
    const [step] = planSteps(document, params);
    assert.deepEqual(step?.inputs.runCommand, ['echo "Hello $SSM_name"', "date"]);
    assert.ok(!JSON.stringify(step?.inputs).includes("rm -rf"), "the raw value must not be in the inputs");
    assert.equal(step?.env.SSM_name, HOSTILE);
  });

  it("with allowedPattern: the value is refused on SendCommand and again on the agent", () => {
    const { document, warnings } = validateDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: { name: { type: "String", allowedPattern: "^[a-zA-Z0-9 ]+$" } },
        mainSteps: [
          { action: "aws:runShellScript", name: "greet", inputs: { runCommand: ['echo "Hello {{ name }}"'] } },
        ],
      }),
    );
    assert.deepEqual(warnings, []);
    invalidParameters(() => resolveParameters(document.parameters, { name: [HOSTILE] }));
    invalidParameters(() => checkTypedParameters(document.parameters, { name: HOSTILE }));
    const [step] = planSteps(document, resolveParameters(document.parameters, { name: ["Ada Lovelace"] }));
    assert.deepEqual(step?.inputs.runCommand, ['echo "Hello Ada Lovelace"']);
  });

  it("without either, the document is flagged when it is created", () => {
    const { warnings } = validateDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: { name: { type: "String" } },
        mainSteps: [
          { action: "aws:runShellScript", name: "greet", inputs: { runCommand: ['echo "Hello {{ name }}"'] } },
        ],
      }),
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /^parameter "name" is spliced into mainSteps\[0\]\.inputs\.runCommand\[0\]/);
  });
});
