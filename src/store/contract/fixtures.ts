import type { ActivationRecord, CommandRecord, InvocationRecord, NodeRecord, PluginResult } from "../../core/model.ts";

/** A realistic epoch-ms base time: beyond 32 bits, so BIGINT handling is exercised. */
export const T0 = 1_700_000_000_000;

/** An activation with every field set. */
export function anActivation(overrides: Partial<ActivationRecord> = {}): ActivationRecord {
  return {
    activationId: "act-1",
    codeHash: "hash-1",
    description: "lab machines",
    defaultInstanceName: "lab",
    iamRole: "SSMServiceRole",
    registrationLimit: 10,
    registrationsCount: 0,
    expiresAt: T0 + 86_400_000,
    createdAt: T0,
    tags: [
      { Key: "env", Value: "lab" },
      { Key: "Team", Value: "ops" },
    ],
    ...overrides,
  };
}

/** A node with every required field set and `lastPingAt` absent. */
export function aNode(instanceId: string, overrides: Partial<NodeRecord> = {}): NodeRecord {
  return {
    instanceId,
    activationId: "act-1",
    publicKey: `MCowBQYDK2VwAyEA${instanceId}`,
    name: `name-${instanceId}`,
    computerName: `host-${instanceId}`,
    ipAddress: "10.1.2.3",
    platformType: "Linux",
    platformName: "Debian GNU/Linux",
    platformVersion: "12",
    agentVersion: "0.1.0",
    iamRole: "SSMServiceRole",
    registeredAt: T0,
    connected: false,
    ...overrides,
  };
}

/** A command with every field set, including nested JSON values. */
export function aCommand(commandId: string, overrides: Partial<CommandRecord> = {}): CommandRecord {
  return {
    commandId,
    documentName: "AWS-RunShellScript",
    documentVersion: "1",
    documentContent: '{"schemaVersion":"2.2","mainSteps":[]}',
    comment: 'uptime ✓ «quoted» "x"',
    parameters: { commands: ["uptime", "echo 'hi'"], workingDirectory: [""] },
    typedParameters: { commands: ["uptime"], timeout: 3600, nested: { a: [1, null, true] } },
    instanceIds: ["mi-00000000000000001"],
    targets: [{ Key: "tag:env", Values: ["lab", "prod"] }],
    requestedAt: T0,
    expiresAt: T0 + 3_600_000,
    timeoutSeconds: 3600,
    maxConcurrency: "50",
    maxErrors: "0",
    status: "Pending",
    statusDetails: "Pending",
    targetCount: 0,
    completedCount: 0,
    errorCount: 0,
    deliveryTimedOutCount: 0,
    outputS3BucketName: "bucket",
    outputS3KeyPrefix: "prefix/",
    serviceRole: "arn:aws:iam::123456789012:role/sns",
    notificationConfig: {
      NotificationArn: "arn:aws:sns:us-east-1:123456789012:topic",
      NotificationEvents: ["Success", "Failed"],
      NotificationType: "Command",
    },
    cloudWatchOutputConfig: { CloudWatchLogGroupName: "group", CloudWatchOutputEnabled: true },
    requestedBy: "AKIAEXAMPLE",
    ...overrides,
  };
}

/** A queued (Pending, unreleased) invocation with no optional field set. */
export function anInvocation(
  commandId: string,
  instanceId: string,
  seq: number,
  overrides: Partial<InvocationRecord> = {},
): InvocationRecord {
  return {
    commandId,
    instanceId,
    instanceName: `name-${instanceId}`,
    seq,
    status: "Pending",
    statusDetails: "Pending",
    requestedAt: T0,
    responseCode: -1,
    stdout: "",
    stderr: "",
    plugins: [],
    cancelRequested: false,
    updatedAt: T0,
    ...overrides,
  };
}

/** A finished plugin result with every optional field set. */
export function aPluginResult(overrides: Partial<PluginResult> = {}): PluginResult {
  return {
    name: "runShellScript",
    action: "aws:runShellScript",
    status: "Success",
    responseCode: 0,
    output: "ok\n",
    stdout: "ok\n",
    stderr: "",
    startedAt: T0 + 10,
    endedAt: T0 + 20,
    standardOutputUrl: "https://example.invalid/out",
    standardErrorUrl: "https://example.invalid/err",
    ...overrides,
  };
}

/** `mi-` + 17 hex digits, from a number. */
export function nodeId(n: number): string {
  return `mi-${n.toString(16).padStart(17, "0")}`;
}
