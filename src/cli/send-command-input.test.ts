import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { sendCommandInput } from "./send-command-input.ts";

test("aws send-command flags become the SendCommand request", async () => {
  const input = await sendCommandInput({
    documentName: "AWS-RunShellScript",
    documentVersion: "$LATEST",
    targets: ["Key=tag:Role,Values=web,db", "Key=tag:Env,Values=prod"],
    parameters: ['commands=["echo hi","ls"]', "workingDirectory=/tmp"],
    comment: "hello",
    timeoutSeconds: "600",
    maxConcurrency: "10%",
    maxErrors: "1",
    outputS3BucketName: "bucket",
    outputS3KeyPrefix: "runs",
    notificationConfig:
      "NotificationArn=https://hooks.example/x,NotificationEvents=Success,Failed,NotificationType=Command",
    cloudWatchOutputConfig: "CloudWatchOutputEnabled=true,CloudWatchLogGroupName=ops",
    documentHash: "abc",
    documentHashType: "Sha256",
  });
  assert.deepEqual(input, {
    DocumentName: "AWS-RunShellScript",
    DocumentVersion: "$LATEST",
    DocumentHash: "abc",
    DocumentHashType: "Sha256",
    Targets: [
      { Key: "tag:Role", Values: ["web", "db"] },
      { Key: "tag:Env", Values: ["prod"] },
    ],
    Parameters: { commands: ["echo hi", "ls"], workingDirectory: ["/tmp"] },
    Comment: "hello",
    TimeoutSeconds: 600,
    MaxConcurrency: "10%",
    MaxErrors: "1",
    OutputS3BucketName: "bucket",
    OutputS3KeyPrefix: "runs",
    NotificationConfig: {
      NotificationArn: "https://hooks.example/x",
      NotificationEvents: ["Success", "Failed"],
      NotificationType: "Command",
    },
    CloudWatchOutputConfig: { CloudWatchOutputEnabled: true, CloudWatchLogGroupName: "ops" },
  });
});

test("instance ids, and file:// arguments read as aws reads them", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-send-input-"));
  try {
    await writeFile(join(dir, "params.json"), '{"commands":["uname -a"]}');
    const input = await sendCommandInput({
      documentName: "AWS-RunShellScript",
      instanceIds: ["mi-0123456789abcdef0", "mi-0123456789abcdef1"],
      parameters: [`file://${join(dir, "params.json")}`],
    });
    assert.deepEqual(input.InstanceIds, ["mi-0123456789abcdef0", "mi-0123456789abcdef1"]);
    assert.deepEqual(input.Parameters, { commands: ["uname -a"] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("missing targets and bad values are refused with the flag named", async () => {
  await assert.rejects(sendCommandInput({ documentName: "d" }), /give --instance-ids or --targets/);
  await assert.rejects(
    sendCommandInput({ documentName: "d", instanceIds: ["mi-1"], timeoutSeconds: "soon" }),
    /--timeout-seconds must be a whole number/,
  );
  await assert.rejects(
    sendCommandInput({
      documentName: "d",
      instanceIds: ["mi-1"],
      cloudWatchOutputConfig: "CloudWatchOutputEnabled=maybe",
    }),
    /CloudWatchOutputEnabled must be true or false/,
  );
  await assert.rejects(
    sendCommandInput({ documentName: "d", instanceIds: ["mi-1"], notificationConfig: "Arn=x" }),
    /--notification-config: unknown key "Arn"/,
  );
});
