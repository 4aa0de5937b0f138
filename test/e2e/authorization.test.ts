import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import {
  AddTagsToResourceCommand,
  CancelCommandCommand,
  CreateActivationCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { invocations, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

/** The seeds' operator policy: run commands only on nodes tagged Finance=WebServers, with AWS-RunShellScript. */
const OPERATOR_POLICY = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["ssm:SendCommand"],
      Resource: ["arn:aws:ssm:*:*:managed-instance/*"],
      Condition: { StringLike: { "ssm:resourceTag/Finance": ["WebServers"] } },
    },
    { Effect: "Allow", Action: ["ssm:SendCommand"], Resource: ["arn:aws:ssm:us-east-1::document/AWS-RunShellScript"] },
    {
      Effect: "Allow",
      Action: [
        "ssm:ListCommands",
        "ssm:ListCommandInvocations",
        "ssm:GetCommandInvocation",
        "ssm:DescribeInstanceInformation",
        "ssm:CancelCommand",
      ],
      Resource: "arn:aws:ssm:*:*:managed-instance/*",
      Condition: { StringEquals: { "ssm:resourceTag/Finance": "WebServers" } },
    },
  ],
};

/** A read-only auditor. */
const AUDITOR_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["ssm:Describe*", "ssm:List*", "ssm:Get*"], Resource: "*" }],
};

describe("who may run what, where: admin, a Finance=WebServers operator and a read-only auditor", () => {
  let fleet: Fleet;
  let finance: AgentHandle;
  let other: AgentHandle;
  let operator: SSMClient;
  let auditor: SSMClient;
  let marks: string;

  async function userClient(name: string, policy: object): Promise<SSMClient> {
    const iam = new IAMClient({ endpoint: fleet.url, region: "us-east-1", credentials: fleet.credentials });
    await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: name, PolicyName: "access", PolicyDocument: JSON.stringify(policy) }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
    iam.destroy();
    return new SSMClient({
      endpoint: fleet.url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: key?.AccessKeyId ?? "", secretAccessKey: key?.SecretAccessKey ?? "" },
    });
  }

  before(async () => {
    fleet = await Fleet.start();
    marks = await mkdtemp(join(tmpdir(), "fleetrun-authz-"));
    const activation = await fleet.createActivation(2);
    [finance, other] = await Promise.all([fleet.addAgent("finance", activation), fleet.addAgent("other", activation)]);
    const tag = (id: string, tags: Array<{ Key: string; Value: string }>) =>
      fleet.ssm.send(new AddTagsToResourceCommand({ ResourceType: "ManagedInstance", ResourceId: id, Tags: tags }));
    await tag(finance.instanceId, [
      { Key: "Finance", Value: "WebServers" },
      { Key: "Role", Value: "web" },
    ]);
    await tag(other.instanceId, [
      { Key: "Finance", Value: "Payroll" },
      { Key: "Role", Value: "web" },
    ]);
    operator = await userClient("operator", OPERATOR_POLICY);
    auditor = await userClient("auditor", AUDITOR_POLICY);
  });
  after(async () => {
    operator?.destroy();
    auditor?.destroy();
    await fleet?.stop();
    await rm(marks, { recursive: true, force: true });
  });

  const run = (
    client: SSMClient,
    target: { InstanceIds?: string[]; Targets?: Array<{ Key: string; Values: string[] }> },
    doc = "AWS-RunShellScript",
  ) =>
    client.send(
      new SendCommandCommand({
        DocumentName: doc,
        ...target,
        Parameters: { commands: [`touch ${marks}/$AWS_SSM_INSTANCE_ID`] },
      }),
    );

  test("the operator runs on Finance=WebServers nodes by id; any other node is AccessDenied, naming action and resource", async () => {
    const ok = await run(operator, { InstanceIds: [finance.instanceId] });
    assert.equal((await waitCommand(fleet.ssm, ok.Command?.CommandId ?? "")).Status, "Success");
    await assert.rejects(run(operator, { InstanceIds: [finance.instanceId, other.instanceId] }), (error: Error) => {
      assert.equal(error.name, "AccessDeniedException");
      assert.match(
        error.message,
        /user\/operator is not authorized to perform: ssm:SendCommand on resource: arn:aws:ssm:us-east-1:\d{12}:managed-instance\/mi-/,
      );
      assert.ok(error.message.includes(other.instanceId));
      return true;
    });
    await assert.rejects(
      operator.send(
        new SendCommandCommand({
          DocumentName: "AWS-RunShellScript",
          InstanceIds: [finance.instanceId],
          Parameters: { commands: ["true"] },
          NotificationConfig: {
            NotificationArn: "http://127.0.0.1:9/hook",
            NotificationEvents: ["All"],
            NotificationType: "Command",
          },
        }),
      ),
      { name: "AccessDeniedException", message: /sns:Publish/ },
    );
    await assert.rejects(run(operator, { InstanceIds: [finance.instanceId] }, "AWS-RunPowerShellScript"), {
      name: "AccessDeniedException",
    });
  });

  test("by tag, the nodes the operator may not touch end AccessDenied and never receive the command", async () => {
    await rm(join(marks, other.instanceId), { force: true });
    const sent = await run(operator, { Targets: [{ Key: "tag:Role", Values: ["web"] }] });
    const id = sent.Command?.CommandId ?? "";
    const command = await waitCommand(fleet.ssm, id);
    assert.equal(command.TargetCount, 2);
    const all = await invocations(fleet.ssm, id);
    assert.equal(all.get(finance.instanceId)?.Status, "Success");
    assert.equal(all.get(other.instanceId)?.StatusDetails, "AccessDenied");
    assert.equal(command.Status, "Success", "AccessDenied is left out of Success-vs-Failed, as Undeliverable is");
    assert.deepEqual(
      await readdir(marks).then((f) => f.includes(other.instanceId)),
      false,
      "the other node never ran it",
    );
  });

  test("reads are filtered by the same policies", async () => {
    const nodes = await operator.send(new DescribeInstanceInformationCommand({}));
    assert.deepEqual(
      nodes.InstanceInformationList?.map((n) => n.InstanceId),
      [finance.instanceId],
    );
    const adminSent = await run(fleet.ssm, { InstanceIds: [other.instanceId] });
    const hidden = adminSent.Command?.CommandId ?? "";
    await waitCommand(fleet.ssm, hidden);
    const listed = await operator.send(new ListCommandsCommand({}));
    assert.equal(
      listed.Commands?.some((c) => c.CommandId === hidden),
      false,
      "a command on Payroll nodes only is not listed",
    );
    assert.equal(
      (await operator.send(new ListCommandInvocationsCommand({ CommandId: hidden }))).CommandInvocations?.length,
      0,
    );
    await assert.rejects(
      operator.send(new GetCommandInvocationCommand({ CommandId: hidden, InstanceId: other.instanceId })),
      {
        name: "AccessDeniedException",
      },
    );
    await assert.rejects(operator.send(new CancelCommandCommand({ CommandId: hidden })), {
      name: "AccessDeniedException",
    });
  });

  test("the auditor reads everything and changes nothing", async () => {
    const nodes = await auditor.send(new DescribeInstanceInformationCommand({}));
    assert.equal(nodes.InstanceInformationList?.length, 2);
    assert.ok(((await auditor.send(new ListCommandsCommand({}))).Commands?.length ?? 0) >= 3);
    await assert.rejects(run(auditor, { InstanceIds: [finance.instanceId] }), { name: "AccessDeniedException" });
    await assert.rejects(auditor.send(new CreateActivationCommand({ IamRole: "x" })), {
      name: "AccessDeniedException",
    });
    const running = await run(fleet.ssm, { InstanceIds: [finance.instanceId] });
    await assert.rejects(auditor.send(new CancelCommandCommand({ CommandId: running.Command?.CommandId ?? "" })), {
      name: "AccessDeniedException",
    });
    await waitFor("the admin's command to finish", () => waitCommand(fleet.ssm, running.Command?.CommandId ?? ""));
  });

  test("the audit trail is readable only with cloudtrail:LookupEvents, and shows the denied calls", async () => {
    const trail = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new CloudTrailClient({ endpoint: fleet.url, region: "us-east-1", credentials, maxAttempts: 1 });
    const auditorKeys = await auditor.config.credentials();
    const denied = trail(auditorKeys);
    await assert.rejects(denied.send(new LookupEventsCommand({})), { name: "AccessDeniedException" });
    denied.destroy();
    const admin = trail(fleet.credentials);
    const events = await admin.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "operator" }] }),
    );
    const refused = (events.Events ?? [])
      .filter((e) => e.EventName === "SendCommand")
      .map((e) => JSON.parse(e.CloudTrailEvent ?? "{}"));
    assert.ok(
      refused.some((e) => e.errorCode === "AccessDeniedException"),
      "denied SendCommands are in the trail",
    );
    admin.destroy();
  });
});
