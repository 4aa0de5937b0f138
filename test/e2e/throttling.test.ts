import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { DescribeInstanceInformationCommand, SSMClient } from "@aws-sdk/client-ssm";
import { Fleet } from "../support/fleet.ts";

let fleet: Fleet;
before(async () => {
  fleet = await Fleet.start({ serverArgs: ["--rate-limit", "5"] });
});
after(async () => fleet?.stop());

test("each access key has its own request budget: past it, ThrottlingException", { timeout: 30_000 }, async () => {
  const iam = new IAMClient({
    endpoint: fleet.url,
    region: "us-east-1",
    credentials: fleet.credentials,
    maxAttempts: 1,
  });
  await iam.send(new CreateUserCommand({ UserName: "reader" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "reader",
      PolicyName: "read",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "ssm:Describe*", Resource: "*" }],
      }),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "reader" }))).AccessKey;
  iam.destroy();
  const reader = new SSMClient({
    endpoint: fleet.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: key?.AccessKeyId ?? "", secretAccessKey: key?.SecretAccessKey ?? "" },
  });
  const outcomes = await Promise.allSettled(
    Array.from({ length: 30 }, () => reader.send(new DescribeInstanceInformationCommand({}))),
  );
  const throttled = outcomes.filter(
    (o) => o.status === "rejected" && (o.reason as Error).name === "ThrottlingException",
  );
  assert.ok(
    outcomes.some((o) => o.status === "fulfilled"),
    "the burst is served",
  );
  assert.ok(throttled.length >= 10, `${throttled.length} of 30 throttled`);
  assert.match((throttled[0] as PromiseRejectedResult).reason.message, /Rate exceeded/);
  // Another caller's budget is untouched.
  const admin = await fleet.ssm.send(new DescribeInstanceInformationCommand({}));
  assert.ok(admin.InstanceInformationList);
  reader.destroy();
});
