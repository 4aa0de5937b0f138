import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_DOCUMENTS } from "./builtin-documents.ts";
import { documentHash } from "./document-hash.ts";
import { parseDocument } from "./parse-document.ts";
import { planSteps, platformTypesOf } from "./plugin-steps.ts";
import { validateDocument } from "./validate-document.ts";

// The Hash AWS reports for these documents (DescribeDocument, and what SDK users pin in SendCommand).
const AWS_HASHES: Record<string, string> = {
  "AWS-RunShellScript": "99749de5e62f71e5ebe9a55c2321e2c394796afe7208cff048696541e6f6771e",
  "AWS-RunPowerShellScript": "2142e42a19e0955cc09e43600bf2e633df1917b69d2be9693737dfd62e0fdf61",
};

describe("BUILTIN_DOCUMENTS", () => {
  it("holds AWS's documents first, then fleetrun's own", () => {
    assert.deepEqual(
      BUILTIN_DOCUMENTS.map((builtin) => builtin.name),
      [
        "AWS-RunShellScript",
        "AWS-RunPowerShellScript",
        "AWS-RunDocument",
        "Fleetrun-RestartService",
        "Fleetrun-DiskUsageReport",
      ],
    );
  });

  it("holds AWS-RunShellScript and AWS-RunPowerShellScript byte for byte as AWS serves them", () => {
    for (const [name, hash] of Object.entries(AWS_HASHES)) {
      const builtin = BUILTIN_DOCUMENTS.find((b) => b.name === name);
      assert.ok(builtin, name);
      assert.equal(documentHash(builtin.content), hash, name);
    }
  });

  it("are real documents: each passes validation with no warnings and reports its derived platforms", () => {
    for (const builtin of BUILTIN_DOCUMENTS) {
      const { document, warnings } = validateDocument(builtin.content);
      assert.deepEqual(warnings, [], builtin.name);
      assert.deepEqual(platformTypesOf(document), [...builtin.platformTypes], builtin.name);
    }
  });

  it("matches the AWS-RunShellScript definition in the semantics reference", () => {
    const shell = BUILTIN_DOCUMENTS[0];
    assert.ok(shell !== undefined);
    assert.deepEqual(JSON.parse(shell.content), {
      schemaVersion: "1.2",
      description: "Run a shell script or specify the commands to run.",
      parameters: {
        commands: {
          type: "StringList",
          description: "(Required) Specify a shell script or a command to run.",
          minItems: 1,
          displayType: "textarea",
        },
        workingDirectory: {
          type: "String",
          default: "",
          description: "(Optional) The path to the working directory on your instance.",
          maxChars: 4096,
        },
        executionTimeout: {
          type: "String",
          default: "3600",
          description:
            "(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).",
          allowedPattern: "([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)",
        },
      },
      runtimeConfig: {
        "aws:runShellScript": {
          properties: [
            {
              id: "0.aws:runShellScript",
              runCommand: "{{ commands }}",
              workingDirectory: "{{ workingDirectory }}",
              timeoutSeconds: "{{ executionTimeout }}",
            },
          ],
        },
      },
    });
  });

  it("AWS's script documents are schema 1.2 with commands, workingDirectory and executionTimeout", () => {
    for (const builtin of BUILTIN_DOCUMENTS.slice(0, 2)) {
      const doc = parseDocument(builtin.content, "JSON");
      assert.equal(doc.schemaVersion, "1.2");
      assert.equal(builtin.documentType, "Command");
      assert.deepEqual(platformTypesOf(doc), [...builtin.platformTypes]);
      assert.deepEqual(Object.keys(doc.parameters), ["commands", "workingDirectory", "executionTimeout"]);
    }
  });

  it("cannot be modified", () => {
    assert.ok(Object.isFrozen(BUILTIN_DOCUMENTS));
    assert.ok(BUILTIN_DOCUMENTS.every((builtin) => Object.isFrozen(builtin)));
  });
});

describe("AWS-RunDocument", () => {
  const doc = validateDocument(byName("AWS-RunDocument").content).document;

  it("has AWS's parameters and downloads the stored document, then runs it with the parameters", () => {
    assert.equal(doc.schemaVersion, "2.2");
    assert.deepEqual(doc.parameters.sourceType?.allowedValues, ["GitHub", "S3", "SSMDocument"]);
    assert.equal(doc.parameters.sourceInfo?.type, "StringMap");
    assert.equal(doc.parameters.documentParameters?.type, "StringMap");
    assert.match(
      doc.description ?? "",
      /fleetrun runs documents stored in Systems Manager \(sourceType SSMDocument\) only/,
    );
    const steps = planSteps(doc, {
      sourceType: "SSMDocument",
      sourceInfo: { name: "Mine", version: "2" },
      documentParameters: { who: "ops" },
    });
    assert.deepEqual(
      steps.map((s) => [s.action, s.inputs]),
      [
        [
          "aws:downloadContent",
          { sourceType: "SSMDocument", sourceInfo: { name: "Mine", version: "2" }, destinationPath: "runDocument" },
        ],
        [
          "aws:runDocument",
          { documentType: "LocalPath", documentPath: "runDocument", documentParameters: { who: "ops" } },
        ],
      ],
    );
  });
});

describe("fleetrun's own documents", () => {
  it("Fleetrun-RestartService takes an allow-listed service name through the environment only", () => {
    const doc = validateDocument(byName("Fleetrun-RestartService").content).document;
    const def = doc.parameters.serviceName;
    assert.equal(def?.allowedPattern, "^[a-zA-Z0-9@._-]{1,128}$");
    assert.equal(def?.interpolationType, "ENV_VAR");
    const [step] = planSteps(doc, { serviceName: "nginx.service" });
    assert.deepEqual(step?.env, { SSM_serviceName: "nginx.service" });
    assert.deepEqual(step?.precondition, { StringEquals: ["platformType", "Linux"] });
    assert.ok(
      ((step?.inputs.runCommand ?? []) as string[]).some((line) =>
        line.includes('systemctl restart -- "$SSM_serviceName"'),
      ),
    );
    assert.ok(!byName("Fleetrun-RestartService").content.includes("{{"), "no parameter is spliced into the script");
  });

  it("Fleetrun-DiskUsageReport runs df, then du under a pattern-checked path", () => {
    const doc = validateDocument(byName("Fleetrun-DiskUsageReport").content).document;
    assert.deepEqual(
      doc.steps.map((s) => s.name),
      ["fileSystems", "largestDirectories"],
    );
    assert.ok(doc.parameters.path?.allowedPattern);
    const steps = planSteps(doc, {});
    assert.deepEqual(steps[1]?.env, { SSM_path: "/", SSM_top: "10" });
  });
});

function byName(name: string) {
  const found = BUILTIN_DOCUMENTS.find((b) => b.name === name);
  assert.ok(found, name);
  return found;
}

describe("documentHash", () => {
  it("is the SHA-256 hex of the UTF-8 content, stable across calls", () => {
    assert.equal(documentHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert.equal(documentHash("é"), documentHash("é"));
    assert.notEqual(documentHash("é"), documentHash("e"));
    assert.match(documentHash("x"), /^[0-9a-f]{64}$/);
  });
});
