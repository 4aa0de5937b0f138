import assert from "node:assert/strict";
import { test } from "node:test";
import {
  accessDeniedMessage,
  commandArn,
  documentArn,
  ec2InstanceArn,
  evaluate,
  managedInstanceArn,
  parsePolicy,
  SSM_ACTIONS,
  ssmAction,
} from "./index.ts";

test("resource ARNs have AWS's shapes", () => {
  assert.equal(
    documentArn("us-east-1", "", "AWS-RunShellScript"),
    "arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
  );
  assert.equal(
    documentArn("us-east-1", "123456789012", "Deploy"),
    "arn:aws:ssm:us-east-1:123456789012:document/Deploy",
  );
  assert.equal(
    managedInstanceArn("eu-west-1", "123456789012", "mi-0123456789abcdef0"),
    "arn:aws:ssm:eu-west-1:123456789012:managed-instance/mi-0123456789abcdef0",
  );
  assert.equal(
    ec2InstanceArn("eu-west-1", "1", "mi-0123456789abcdef0"),
    "arn:aws:ec2:eu-west-1:1:instance/mi-0123456789abcdef0",
  );
  assert.equal(
    commandArn("us-east-1", "123456789012", "0b4d5a2c-1111-2222-3333-444455556666"),
    "arn:aws:ssm:us-east-1:123456789012:command/0b4d5a2c-1111-2222-3333-444455556666",
  );
});

test("SSM_ACTIONS lists the served operations as ssm: actions, all covered by ssm:*", () => {
  assert.ok(SSM_ACTIONS.includes("ssm:SendCommand"));
  assert.ok(SSM_ACTIONS.includes("ssm:DescribeInstanceInformation"));
  assert.equal(ssmAction("ListCommands"), "ssm:ListCommands");
  assert.equal(new Set(SSM_ACTIONS).size, SSM_ACTIONS.length);
  const all = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ssm:*","Resource":"*"}}');
  for (const action of SSM_ACTIONS)
    assert.equal(evaluate([all], { action, resource: "*", context: {} }).effect, "Allow");
});

test("access-denied messages name the caller, action, resource and why", () => {
  const user = "arn:aws:iam::123456789012:user/alice";
  const req = { action: "ssm:SendCommand", resource: "arn:aws:ssm:us-east-1::document/AWS-RunShellScript" };
  assert.equal(
    accessDeniedMessage(user, req, { effect: "Deny", reason: "implicit" }),
    "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ssm:SendCommand on resource: arn:aws:ssm:us-east-1::document/AWS-RunShellScript because no identity-based policy allows the ssm:SendCommand action",
  );
  assert.match(
    accessDeniedMessage(user, req, { effect: "Deny", reason: "explicit", statement: "X", policy: 0 }),
    /ssm:SendCommand on resource: .* with an explicit deny in an identity-based policy$/,
  );
});
