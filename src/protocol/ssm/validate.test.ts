import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SsmError } from "../errors.ts";
import { isKnownOperation, operationNames, parseInput, validateInput } from "./validate.ts";

const INSTANCE = "i-0123456789abcdef0";
const MANAGED = "mi-0123456789abcdef0";

/** The SsmError `validateInput` throws for this body, or a failure when it accepts it. */
function rejection(operation: string, body: unknown): SsmError {
  try {
    validateInput(operation, body);
  } catch (error) {
    assert.ok(error instanceof SsmError, `expected SsmError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${operation} accepted ${JSON.stringify(body)}`);
}

function validationMessage(operation: string, body: unknown): string {
  const error = rejection(operation, body);
  assert.equal(error.code, "ValidationException", error.message);
  assert.equal(error.httpStatus, 400);
  return error.message;
}

function assertSerialization(operation: string, body: unknown, fragment: string): void {
  const error = rejection(operation, body);
  assert.equal(error.code, "SerializationException", error.message);
  assert.ok(error.message.includes(fragment), error.message);
}

const send = (extra: Record<string, unknown>) => ({ DocumentName: "AWS-RunShellScript", ...extra });

describe("validateInput: required members", () => {
  it("reports a missing required member as null", () => {
    assert.equal(
      validationMessage("SendCommand", {}),
      "1 validation error detected: Value null at 'documentName' failed to satisfy constraint: Member must not be null",
    );
  });

  it("treats JSON null as absent", () => {
    assert.match(validationMessage("SendCommand", { DocumentName: null }), /Value null at 'documentName'/);
  });

  it("reports required members of nested structures with their path", () => {
    const message = validationMessage("ListCommandInvocations", { Filters: [{ key: "Status" }] });
    assert.equal(
      message,
      "1 validation error detected: Value null at 'filters.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("validateInput: string constraints", () => {
  it("rejects a Comment of 101 characters", () => {
    const comment = "c".repeat(101);
    assert.equal(
      validationMessage("SendCommand", send({ Comment: comment })),
      `1 validation error detected: Value '${comment}' at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100`,
    );
    validateInput("SendCommand", send({ Comment: "c".repeat(100) }));
  });

  it("rejects a document name with a space", () => {
    assert.equal(
      validationMessage("SendCommand", { DocumentName: "AWS Run" }),
      "1 validation error detected: Value 'AWS Run' at 'documentName' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$",
    );
    assert.match(validationMessage("CreateDocument", { Name: "my doc", Content: "{}" }), /Value 'my doc' at 'name'/);
  });

  it("checks every instance id against the InstanceId pattern with a 1-based path", () => {
    const message = validationMessage("SendCommand", send({ InstanceIds: [INSTANCE, "i-123", MANAGED] }));
    assert.equal(
      message,
      "1 validation error detected: Value 'i-123' at 'instanceIds.2.member' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)",
    );
    validateInput("SendCommand", send({ InstanceIds: ["i-12345678", INSTANCE, MANAGED] }));
    assert.match(
      validationMessage("GetCommandInvocation", { CommandId: "x".repeat(36), InstanceId: "host" }),
      /'host'/,
    );
  });

  it("applies the MaxConcurrency and MaxErrors patterns", () => {
    assert.match(validationMessage("SendCommand", send({ MaxConcurrency: "0" })), /Value '0' at 'maxConcurrency'/);
    assert.match(validationMessage("SendCommand", send({ MaxErrors: "101%" })), /Value '101%' at 'maxErrors'/);
    assert.match(validationMessage("SendCommand", send({ MaxConcurrency: "10%x" })), /at 'maxConcurrency'/);
    for (const MaxConcurrency of ["1", "50", "9%", "10%", "100%"])
      validateInput("SendCommand", send({ MaxConcurrency }));
    for (const MaxErrors of ["0", "0%", "7", "100%"]) validateInput("SendCommand", send({ MaxErrors }));
  });

  it("reports length and pattern failures of one value separately", () => {
    const message = validationMessage("SendCommand", send({ MaxConcurrency: "" }));
    assert.ok(message.startsWith("2 validation errors detected: "), message);
    assert.match(message, /Member must have length greater than or equal to 1; Value '' at 'maxConcurrency'/);
  });

  it("matches Unicode classes like \\p{L} in tag keys", () => {
    const body = (Key: string) => ({
      ResourceType: "ManagedInstance",
      ResourceId: MANAGED,
      Tags: [{ Key, Value: "v" }],
    });
    validateInput("AddTagsToResource", body("Größe Ωmega"));
    assert.match(validationMessage("AddTagsToResource", body("a*b")), /Value 'a\*b' at 'tags.1.member.key'/);
  });

  it("uses find semantics for patterns that do not anchor every branch", () => {
    const get = (DocumentVersion: string) => ({ Name: "AWS-RunShellScript", DocumentVersion });
    for (const version of ["$LATEST", "$DEFAULT", "12"]) validateInput("GetDocument", get(version));
    assert.match(validationMessage("GetDocument", get("0")), /Value '0' at 'documentVersion'/);
    assert.match(validationMessage("GetDocument", get("v1")), /Value 'v1' at 'documentVersion'/);
    // The `$LATEST` branch is unanchored in the model, so AWS finds it anywhere in the value.
    validateInput("GetDocument", get("x$LATEST"));
  });
});

describe("validateInput: lists, numbers and enums", () => {
  it("rejects 51 instance ids as one length violation", () => {
    const ids = Array.from({ length: 51 }, (_, i) => `i-${String(i).padStart(17, "0")}`);
    const message = validationMessage("SendCommand", send({ InstanceIds: ids }));
    assert.ok(message.startsWith("1 validation error detected: Value '[i-00000000000000000, "), message);
    assert.match(
      message,
      /\.\.\.' at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
    validateInput("SendCommand", send({ InstanceIds: ids.slice(0, 50) }));
  });

  it("enforces the ListCommands MaxResults range", () => {
    assert.equal(
      validationMessage("ListCommands", { MaxResults: 0 }),
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    assert.equal(
      validationMessage("ListCommands", { MaxResults: 51 }),
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    validateInput("ListCommands", { MaxResults: 50 });
  });

  it("rejects a filter key outside the enum", () => {
    assert.equal(
      validationMessage("ListCommandInvocations", { Filters: [{ key: "Owner", value: "x" }] }),
      "1 validation error detected: Value 'Owner' at 'filters.1.member.key' failed to satisfy constraint: " +
        "Member must satisfy enum value set: [InvokedAfter, InvokedBefore, Status, ExecutionStage, DocumentName]",
    );
    const filter = { InstanceInformationFilterList: [{ key: "Name", valueSet: ["x"] }] };
    assert.match(
      validationMessage("DescribeInstanceInformation", filter),
      /'instanceInformationFilterList.1.member.key'/,
    );
    assert.match(
      validationMessage("SendCommand", send({ DocumentHashType: "Md5" })),
      /enum value set: \[Sha256, Sha1\]/,
    );
  });

  it("checks nested Targets: key pattern and values count", () => {
    const values = Array.from({ length: 51 }, (_, i) => `v${i}`);
    const message = validationMessage(
      "SendCommand",
      send({
        Targets: [
          { Key: "tag:ok", Values: ["a"] },
          { Key: "bad!", Values: values },
        ],
      }),
    );
    assert.ok(message.startsWith("2 validation errors detected: Value 'bad!' at 'targets.2.member.key'"), message);
    assert.match(
      message,
      /; Value '\[v0, v1, .*' at 'targets.2.member.values' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
    validateInput("SendCommand", send({ Targets: [{ Key: "resource-groups:Name", Values: ["web"] }] }));
  });

  it("counts every violation across the body", () => {
    const message = validationMessage("SendCommand", {
      InstanceIds: ["nope"],
      MaxErrors: "101%",
      TimeoutSeconds: 5,
    });
    assert.ok(message.startsWith("4 validation errors detected: "), message);
    const parts = message.slice("4 validation errors detected: ".length).split("; ");
    assert.deepEqual(
      parts.map((p) => p.match(/ at '([^']+)'/)?.[1]),
      ["instanceIds.1.member", "documentName", "timeoutSeconds", "maxErrors"],
    );
  });

  it("never echoes values of sensitive shapes", () => {
    const secret = "s".repeat(129);
    const message = validationMessage("CreateMaintenanceWindow", { Description: secret });
    assert.match(
      message,
      /Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 128/,
    );
    assert.ok(!message.includes(secret));
  });
});

describe("validateInput: JSON types", () => {
  it("rejects bodies that are not JSON objects", () => {
    assertSerialization("SendCommand", [], "Start of list found where not expected");
    assertSerialization("SendCommand", "x", "STRING_VALUE can not be converted to a Structure");
    assertSerialization("ListCommands", null, "can not be converted to a Structure");
  });

  it("rejects members of the wrong JSON type with their path", () => {
    assertSerialization(
      "SendCommand",
      send({ Comment: 5 }),
      "NUMBER_INT can not be converted to a String (at 'comment')",
    );
    assertSerialization(
      "SendCommand",
      send({ InstanceIds: { a: INSTANCE } }),
      "Start of structure or map found where not expected (at 'instanceIds')",
    );
    assertSerialization("SendCommand", send({ InstanceIds: INSTANCE }), "STRING_VALUE can not be converted to a List");
    assertSerialization("SendCommand", send({ TimeoutSeconds: true }), "VALUE_TRUE can not be converted to an Integer");
    assertSerialization("ListCommands", { MaxResults: 2.5 }, "NUMBER_FLOAT can not be converted to an Integer");
    assertSerialization("SendCommand", send({ Parameters: { commands: "ls" } }), "(at 'parameters.commands.member')");
    assertSerialization(
      "SendCommand",
      send({ Targets: [{ Key: ["k"] }] }),
      "Start of list found where not expected (at 'targets.1.member.key')",
    );
    assertSerialization("CreateActivation", { IamRole: "r", ExpirationDate: "2030-01-01" }, "to a Timestamp");
  });

  it("prefers a serialization error over constraint violations", () => {
    assertSerialization("SendCommand", { InstanceIds: ["bad"], Comment: 1 }, "(at 'comment')");
  });
});

describe("validateInput: valid bodies", () => {
  it("accepts a full SendCommand body and ignores unknown members", () => {
    validateInput("SendCommand", {
      InstanceIds: [INSTANCE, MANAGED],
      Targets: [{ Key: "tag:Role", Values: ["web", "db"] }],
      DocumentName: "AWS-RunShellScript",
      DocumentVersion: "$LATEST",
      DocumentHash: "a".repeat(64),
      DocumentHashType: "Sha256",
      TimeoutSeconds: 600,
      Comment: "deploy",
      Parameters: { commands: ["uname -a", "uptime"], workingDirectory: ["/tmp"] },
      OutputS3Region: "us-east-1",
      OutputS3BucketName: "my-bucket",
      OutputS3KeyPrefix: "out/",
      MaxConcurrency: "10%",
      MaxErrors: "0",
      ServiceRoleArn: "arn:aws:iam::123456789012:role/ssm",
      NotificationConfig: {
        NotificationArn: "arn:aws:sns:us-east-1:1:t",
        NotificationEvents: ["All"],
        NotificationType: "Command",
      },
      CloudWatchOutputConfig: { CloudWatchLogGroupName: "grp", CloudWatchOutputEnabled: true },
      AlarmConfiguration: { IgnorePollAlarmFailure: false, Alarms: [{ Name: "cpu" }] },
      SomethingNew: { anything: 1 },
    });
  });

  it("accepts epoch-second timestamps", () => {
    validateInput("CreateActivation", { IamRole: "SSMRole", ExpirationDate: 1893456000.5, RegistrationLimit: 10 });
  });

  it("parseInput returns the validated body typed for the operation", () => {
    const body = { CommandId: "0b8a5f2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b" };
    const parsed = parseInput("CancelCommand", body);
    assert.equal(parsed.CommandId, body.CommandId);
    assert.throws(() => parseInput("CancelCommand", {}), /commandId/);
  });
});

describe("operations", () => {
  it("knows the model's operations and rejects others", () => {
    assert.ok(isKnownOperation("SendCommand"));
    assert.ok(!isKnownOperation("RunEverything"));
    assert.ok(!isKnownOperation("constructor"));
    assert.equal(rejection("RunEverything", {}).code, "UnknownOperationException");
  });

  it("lists every operation name, sorted", () => {
    const names = operationNames();
    assert.ok(names.includes("ListDocumentVersions") && names.includes("CreateActivation"));
    assert.deepEqual([...names], [...names].sort());
    assert.ok(names.length > 100);
  });
});
