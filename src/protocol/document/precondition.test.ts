import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { parseDocument } from "./parse-document.ts";
import { planSteps } from "./plugin-steps.ts";
import { evaluatePrecondition } from "./precondition.ts";

function unrecognized(precondition: unknown, message: string): void {
  assert.throws(
    () => evaluatePrecondition(precondition, "Linux"),
    (error: unknown) => error instanceof SsmError && error.message === message,
  );
}

describe("evaluatePrecondition", () => {
  it("runs a step without a precondition everywhere", () => {
    for (const platform of ["Linux", "MacOS", "Windows"] as const) {
      assert.equal(evaluatePrecondition(undefined, platform), true);
      assert.equal(evaluatePrecondition(null, platform), true);
      assert.equal(evaluatePrecondition({}, platform), true);
    }
  });

  it("compares platformType case-insensitively, on either side", () => {
    const linux = { StringEquals: ["platformType", "Linux"] };
    assert.equal(evaluatePrecondition(linux, "Linux"), true);
    assert.equal(evaluatePrecondition(linux, "Windows"), false);
    assert.equal(evaluatePrecondition({ StringEquals: ["macos", "platformType"] }, "MacOS"), true);
    assert.equal(evaluatePrecondition({ StringEquals: ["platformType", "WINDOWS"] }, "Windows"), true);
    assert.equal(evaluatePrecondition({ StringEquals: ["platformType", "Windows"] }, "MacOS"), false);
  });

  it("compares interpolated parameters as exact strings", () => {
    assert.equal(evaluatePrecondition({ StringEquals: ["Install", "Install"] }, "Linux"), true);
    assert.equal(evaluatePrecondition({ StringEquals: ["install", "Install"] }, "Linux"), false);
    assert.equal(evaluatePrecondition({ StringEquals: ["Uninstall True", "Uninstall True"] }, "Windows"), true);
  });

  it("uses the precondition as written to tell the platformType variable from a parameter value", () => {
    const written = { StringEquals: ["{{ os }}", "Linux"] };
    const interpolated = { StringEquals: ["platformType", "Linux"] };
    assert.equal(evaluatePrecondition(interpolated, "Linux", written), false);
    assert.equal(evaluatePrecondition(interpolated, "Linux"), true);
  });

  it("decides steps planned from a document", () => {
    const doc = parseDocument(
      JSON.stringify({
        schemaVersion: "2.2",
        parameters: { action: { type: "String", default: "Install" } },
        mainSteps: [
          {
            action: "aws:runShellScript",
            name: "install",
            precondition: { StringEquals: ["{{ action }}", "Install"] },
          },
          { action: "aws:runShellScript", name: "remove", precondition: { StringEquals: ["{{ action }}", "Remove"] } },
          { action: "aws:runShellScript", name: "win", precondition: { StringEquals: ["platformType", "Windows"] } },
        ],
      }),
    );
    const runs = planSteps(doc, {}).map((step, index) =>
      evaluatePrecondition(step.precondition, "Linux", doc.steps[index]?.precondition),
    );
    assert.deepEqual(runs, [true, false, false]);
  });

  it("throws for what the agent does not recognise (it fails such a step)", () => {
    unrecognized("Linux", "precondition: must be an object");
    unrecognized({ StringLike: ["a", "b"] }, 'precondition: unrecognized operator "StringLike"');
    unrecognized(
      { StringEquals: ["platformType"] },
      "precondition.StringEquals: must be a list of exactly two strings",
    );
    unrecognized({ StringEquals: ["platformType", 1] }, "precondition.StringEquals[1]: must be a string");
  });
});
