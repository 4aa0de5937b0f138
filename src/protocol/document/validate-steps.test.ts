import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { validateDocument } from "./validate-document.ts";

function rejects(doc: unknown, message: string): void {
  assert.throws(
    () => validateDocument(JSON.stringify(doc)),
    (error: unknown) => {
      assert.ok(error instanceof SsmError, String(error));
      assert.equal(error.code, "InvalidDocumentContent");
      assert.equal(error.message, message);
      return true;
    },
  );
}

const warningsOf = (doc: unknown) => validateDocument(JSON.stringify(doc)).warnings;
const step = (name: string, extra: Record<string, unknown> = {}, inputs: Record<string, unknown> = {}) => ({
  action: "aws:runShellScript",
  name,
  inputs: { runCommand: ["ls"], ...inputs },
  ...extra,
});
const doc22 = (mainSteps: unknown[], parameters: Record<string, unknown> = {}, schemaVersion = "2.2") => ({
  schemaVersion,
  parameters,
  mainSteps,
});
const doc12 = (properties: unknown[]) => ({
  schemaVersion: "1.2",
  runtimeConfig: { "aws:runShellScript": { properties } },
});

describe("validateDocument: step names", () => {
  it("accepts 2.x names of letters, digits, '_', '.', '-' up to 100 characters", () => {
    assert.deepEqual(warningsOf(doc22([step("Install_app-1.0"), step("x".repeat(100))])), []);
  });

  it("rejects 2.x names with other characters, too long, or that would name '.' or '..'", () => {
    const rule = "must be 1 to 100 of letters, digits, '_', '.' and '-'";
    rejects(doc22([step("ok"), step("has space")]), `mainSteps[1].name: "has space" ${rule}`);
    rejects(doc22([step("../etc")]), `mainSteps[0].name: "../etc" ${rule}`);
    rejects(doc22([step("..")]), `mainSteps[0].name: ".." ${rule}`);
    rejects(doc22([step("a:b")]), `mainSteps[0].name: "a:b" ${rule}`);
    rejects(doc22([step("x".repeat(101))]), `mainSteps[0].name: "${"x".repeat(101)}" ${rule}`);
  });

  it("rejects duplicate names, also when they differ only in case", () => {
    rejects(doc22([step("a"), step("a")]), 'mainSteps[1].name: duplicate step name "a"');
    rejects(
      doc22([step("Build"), step("build")]),
      'mainSteps[1].name: step names "Build" and "build" differ only in case; they must be unique ignoring case',
    );
  });

  it("makes the schema 1.2 id optional, allowing ':' as AWS writes it", () => {
    assert.deepEqual(warningsOf(doc12([{ id: "0.aws:runShellScript", runCommand: ["a"] }, { runCommand: ["b"] }])), []);
    rejects(
      doc12([{ id: "a b", runCommand: ["a"] }]),
      `runtimeConfig["aws:runShellScript"].properties[0].id: "a b" must be 1 to 100 of letters, digits, '_', '.', ':' and '-'`,
    );
  });
});

describe("validateDocument: plugins", () => {
  it("rejects an unknown plugin at the path that names it", () => {
    const known =
      "aws:applications, aws:cloudWatch, aws:configureContainers, aws:configureDocker, aws:configurePackage, aws:domainJoin, aws:downloadContent, aws:psModule, aws:refreshAssociation, aws:runDockerAction, aws:runDocument, aws:runPowerShellScript, aws:runShellScript, aws:softwareInventory, aws:updateAgent, aws:updateSsmAgent";
    rejects(
      doc22([step("a"), { action: "aws:runShelScript", name: "b" }]),
      `mainSteps[1].action: unknown plugin "aws:runShelScript": Command documents can use ${known}`,
    );
    rejects(
      { schemaVersion: "1.2", runtimeConfig: { "custom:thing": { properties: [{}] } } },
      `runtimeConfig["custom:thing"]: unknown plugin "custom:thing": Command documents can use ${known}`,
    );
  });

  it("accepts the other SSM plugins with a warning that fleetrun's agent does not run them", () => {
    assert.deepEqual(warningsOf(doc22([{ action: "aws:configurePackage", name: "p", inputs: { name: "x" } }])), [
      "mainSteps[0].action: aws:configurePackage is a valid SSM plugin, but the fleetrun agent runs only aws:runShellScript, aws:runPowerShellScript, aws:runDocument, aws:downloadContent; this step fails on fleetrun nodes",
    ]);
  });

  it("warns about step fields it ignores, such as a misspelt precondition", () => {
    assert.deepEqual(warningsOf(doc22([step("a", { precondtion: {} })])), [
      "mainSteps[0].precondtion: is not a step field and is ignored",
    ]);
  });
});

describe("validateDocument: {{ }} references", () => {
  it("rejects references to undefined parameters in inputs, settings and preconditions", () => {
    rejects(
      doc22([step("a"), step("b", {}, { runCommand: ["ls", "echo {{ nme }}"] })], { name: { type: "String" } }),
      'mainSteps[1].inputs.runCommand[1]: references undefined parameter "nme"',
    );
    rejects(
      doc22([step("a", { settings: { x: "{{missing}}" } })]),
      'mainSteps[0].settings.x: references undefined parameter "missing"',
    );
    rejects(
      doc22([step("a", { precondition: { StringEquals: ["{{ os }}", "x"] } })]),
      'mainSteps[0].precondition.StringEquals[0]: references undefined parameter "os"',
    );
    rejects(
      doc12([{ runCommand: ["echo {{ x }}"] }]),
      'runtimeConfig["aws:runShellScript"].properties[0].runCommand[0]: references undefined parameter "x"',
    );
  });

  it("ignores Parameter Store references and names the agent never substitutes", () => {
    const inputs = { runCommand: ["echo {{ssm:/app/url}} {{ ssm-secure:pw }} {{ RESOURCE_ID }}"] };
    assert.deepEqual(warningsOf(doc22([step("a", {}, inputs)])), []);
  });
});

describe("validateDocument: onFailure, onSuccess, finallyStep", () => {
  it("accepts them in inputs, as AWS writes them, and on the step", () => {
    const steps = [
      step("a", {}, { onFailure: "exit" }),
      step("b", { onFailure: "successAndExit" }),
      step("c", {}, { onSuccess: "exit" }),
      step("d", {}, { finallyStep: true }),
    ];
    const { document, warnings } = validateDocument(JSON.stringify(doc22(steps)));
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      document.steps.map((s) => [s.onFailure, s.onSuccess, s.finallyStep]),
      [
        ["exit", undefined, undefined],
        ["successAndExit", undefined, undefined],
        [undefined, "exit", undefined],
        [undefined, undefined, true],
      ],
    );
  });

  it("rejects values the agent does not act on", () => {
    rejects(
      doc22([step("a", {}, { onFailure: "Abort" })]),
      'mainSteps[0].inputs.onFailure: must be "exit" or "successAndExit"',
    );
    rejects(
      doc22([step("a", { onFailure: "continue" })]),
      'mainSteps[0].onFailure: must be "exit" or "successAndExit"',
    );
    rejects(doc22([step("a", {}, { onSuccess: "successAndExit" })]), 'mainSteps[0].inputs.onSuccess: must be "exit"');
    rejects(doc22([step("a", {}, { finallyStep: "yes" })]), "mainSteps[0].inputs.finallyStep: must be true or false");
    rejects(
      doc22([step("a", { onFailure: "exit" }, { onFailure: "successAndExit" })]),
      'mainSteps[0].inputs.onFailure: conflicts with the step\'s onFailure "exit"',
    );
  });

  it("allows finallyStep only on the last step", () => {
    rejects(
      doc22([step("a", {}, { finallyStep: "true" }), step("b")]),
      "mainSteps[0].inputs.finallyStep: only the last step can be the finally step",
    );
    rejects(
      doc22([step("a", { finallyStep: true }), step("b")]),
      "mainSteps[0].finallyStep: only the last step can be the finally step",
    );
    assert.deepEqual(warningsOf(doc22([step("a", {}, { finallyStep: false }), step("b")])), []);
  });
});

describe("validateDocument: precondition", () => {
  const params = { action: { type: "String", allowedValues: ["Install", "Remove"] } };
  const pre = (StringEquals: unknown, extra: Record<string, unknown> = {}) => ({
    precondition: { StringEquals, ...extra },
  });

  it("accepts platformType against a platform, or a comparison that uses a parameter", () => {
    const steps = [
      step("a", pre(["platformType", "Linux"])),
      step("b", pre(["macos", "platformType"])),
      step("c", pre(["{{ action }}", "Install"])),
      step("d", pre(["{{ action }} now", "Remove now"])),
    ];
    assert.deepEqual(warningsOf(doc22(steps, params)), []);
  });

  it("is only for schema 2.2", () => {
    rejects(
      doc22([step("a", pre(["platformType", "Linux"]))], {}, "2.0"),
      "mainSteps[0].precondition: requires schemaVersion 2.2",
    );
  });

  it("rejects what the agent would refuse, at the offending argument", () => {
    const path = "mainSteps[0].precondition";
    const cases: [Record<string, unknown>, string][] = [
      [
        { precondition: { StringLike: ["a", "b"] } },
        `${path}.StringLike: unknown operator: only StringEquals is supported`,
      ],
      [
        pre(["platformType", "Linux"], { Other: [] }),
        `${path}.Other: unknown operator: only StringEquals is supported`,
      ],
      [{ precondition: {} }, `${path}: must hold StringEquals`],
      [pre(["platformType"]), `${path}.StringEquals: must be a list of exactly two strings`],
      [pre("platformType"), `${path}.StringEquals: must be a list of exactly two strings`],
      [pre(["platformType", 1]), `${path}.StringEquals[1]: must be a string`],
      [pre(["platformType", "platformType"]), `${path}.StringEquals: the two arguments must differ`],
      [
        pre(["platformType", "Ubuntu"]),
        `${path}.StringEquals[1]: must be one of Linux, MacOS, Windows when compared with platformType`,
      ],
      [
        pre(["platformType", "{{ action }}"]),
        `${path}.StringEquals[1]: the value compared with platformType cannot use document parameters`,
      ],
      [pre(["{{ssm:os}}", "Linux"]), `${path}.StringEquals[0]: must not reference Parameter Store ({{ssm:...}})`],
      [
        pre(["Linux", "Windows"]),
        `${path}.StringEquals: one argument must be platformType or reference a document parameter, as {{ name }}`,
      ],
    ];
    for (const [extra, message] of cases) rejects(doc22([step("a", extra)], params), message);
  });
});
