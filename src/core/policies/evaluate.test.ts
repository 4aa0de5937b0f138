import assert from "node:assert/strict";
import { test } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import {
  type AuthzRequest,
  documentArn,
  evaluate,
  managedInstanceArn,
  type PolicyDocument,
  parsePolicy,
} from "./index.ts";

const ACCOUNT = "123456789012";
const DOC = documentArn("us-east-1", ACCOUNT, "Deploy");
const NODE = managedInstanceArn("us-east-1", ACCOUNT, "mi-0123456789abcdef0");

function policy(...statements: object[]): PolicyDocument {
  return parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }));
}
function req(action: string, resource: string, context: AuthzRequest["context"] = {}): AuthzRequest {
  return { action, resource, context };
}

test("no policies, or no matching statement: implicit deny", () => {
  assert.deepEqual(evaluate([], req("ssm:SendCommand", DOC)), { effect: "Deny", reason: "implicit" });
  const p = policy({ Effect: "Allow", Action: "ssm:ListCommands", Resource: "*" });
  assert.deepEqual(evaluate([p], req("ssm:SendCommand", DOC)), { effect: "Deny", reason: "implicit" });
});

test("actions match case-insensitively with wildcards", () => {
  const p = policy({ Effect: "Allow", Action: ["ssm:Get*", "SSM:listcommands"], Resource: "*" });
  assert.equal(evaluate([p], req("ssm:GetDocument", DOC)).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:getcommandinvocation", "*")).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:ListCommands", "*")).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:SendCommand", DOC)).effect, "Deny");
  const all = policy({ Effect: "Allow", Action: "*", Resource: "*" });
  assert.equal(evaluate([all], req("iam:CreateUser", "*")).effect, "Allow");
});

test("an explicit Deny in another policy wins over an Allow, and is named", () => {
  const admin = policy({ Effect: "Allow", Action: "ssm:*", Resource: "*" });
  const guard = policy(
    { Sid: "Other", Effect: "Deny", Action: "ssm:DeleteDocument", Resource: "*" },
    {
      Sid: "NoProdRun",
      Effect: "Deny",
      Action: "ssm:SendCommand",
      Resource: "*",
      Condition: { StringEquals: { "ssm:resourceTag/Env": "prod" } },
    },
  );
  assert.deepEqual(evaluate([admin, guard], req("ssm:SendCommand", NODE, { "ssm:resourceTag/Env": "prod" })), {
    effect: "Deny",
    reason: "explicit",
    statement: "NoProdRun",
    policy: 1,
  });
  assert.equal(
    evaluate([admin, guard], req("ssm:SendCommand", NODE, { "ssm:resourceTag/Env": "dev" })).effect,
    "Allow",
  );
  const unnamed = policy(
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "ssm:*", Resource: NODE },
  );
  assert.deepEqual(evaluate([unnamed], req("ssm:SendCommand", NODE)), {
    effect: "Deny",
    reason: "explicit",
    statement: "1",
    policy: 0,
  });
});

test("NotAction allows everything but the listed actions", () => {
  const p = policy({ Effect: "Allow", NotAction: ["ssm:SendCommand", "ssm:Delete*"], Resource: "*" });
  assert.equal(evaluate([p], req("ssm:ListCommands", "*")).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:SendCommand", DOC)).effect, "Deny");
  assert.equal(evaluate([p], req("ssm:deletedocument", DOC)).effect, "Deny");
});

test("NotResource with Deny protects everything except the listed resources", () => {
  const p = policy(
    { Effect: "Allow", Action: "ssm:*", Resource: "*" },
    {
      Effect: "Deny",
      Action: "ssm:SendCommand",
      NotResource: ["arn:aws:ssm:*:*:document/AWS-*", "arn:aws:ssm:*:*:managed-instance/*"],
    },
  );
  assert.equal(
    evaluate([p], req("ssm:SendCommand", documentArn("us-east-1", "", "AWS-RunShellScript"))).effect,
    "Allow",
  );
  assert.equal(evaluate([p], req("ssm:SendCommand", NODE)).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:SendCommand", DOC)).effect, "Deny");
});

test("resource aliases: Resource matches any name, NotResource only when none matches", () => {
  const ec2 = "arn:aws:ec2:us-east-1:123456789012:instance/mi-0123456789abcdef0";
  const byEc2 = policy({ Effect: "Allow", Action: "ssm:SendCommand", Resource: "arn:aws:ec2:*:*:instance/*" });
  assert.equal(evaluate([byEc2], { ...req("ssm:SendCommand", NODE), resourceAliases: [ec2] }).effect, "Allow");
  assert.equal(evaluate([byEc2], req("ssm:SendCommand", NODE)).effect, "Deny");
  const notEc2 = policy({ Effect: "Allow", Action: "ssm:SendCommand", NotResource: "arn:aws:ec2:*:*:instance/*" });
  assert.equal(evaluate([notEc2], { ...req("ssm:SendCommand", NODE), resourceAliases: [ec2] }).effect, "Deny");
});

test("policy variables in Resource resolve per request; missing ones never match", () => {
  const p = policy({
    Effect: "Allow",
    Action: "ssm:*",
    Resource: `arn:aws:ssm:*:${ACCOUNT}:document/\${aws:username}-*`,
  });
  const mine = documentArn("us-east-1", ACCOUNT, "alice-deploy");
  assert.equal(evaluate([p], req("ssm:GetDocument", mine, { "aws:username": "alice" })).effect, "Allow");
  assert.equal(evaluate([p], req("ssm:GetDocument", mine, { "aws:username": "bob" })).effect, "Deny");
  assert.equal(evaluate([p], req("ssm:GetDocument", mine)).effect, "Deny");
  const star = { "aws:username": "*" };
  assert.equal(evaluate([p], req("ssm:GetDocument", mine, star)).effect, "Deny", "a variable's value is literal");
  assert.equal(evaluate([p], req("ssm:GetDocument", documentArn("us-east-1", ACCOUNT, "*-x"), star)).effect, "Allow");
  const deny = policy(
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "*", NotResource: `arn:aws:ssm:*:*:document/\${aws:username}` },
  );
  assert.equal(
    evaluate([deny], req("ssm:GetDocument", mine)).effect,
    "Allow",
    "an unresolved NotResource statement does not apply",
  );
});

test(`without Version 2012-10-17, \${...} is literal text`, () => {
  const old = parsePolicy(
    JSON.stringify({
      Statement: { Effect: "Allow", Action: "ssm:*", Resource: `arn:aws:ssm:r:a:document/\${aws:username}` },
    }),
  );
  assert.equal(
    evaluate([old], req("ssm:GetDocument", `arn:aws:ssm:r:a:document/\${aws:username}`, { "aws:username": "x" }))
      .effect,
    "Allow",
  );
  assert.equal(
    evaluate([old], req("ssm:GetDocument", "arn:aws:ssm:r:a:document/x", { "aws:username": "x" })).effect,
    "Deny",
  );
});

test("a no-resource action ('*') is allowed only by Resource '*'", () => {
  const p = policy({ Effect: "Allow", Action: "ssm:ListCommands", Resource: "arn:aws:ssm:*:*:document/*" });
  assert.equal(evaluate([p], req("ssm:ListCommands", "*")).effect, "Deny");
});

test("documents built in code are checked on first use", () => {
  const built: PolicyDocument = {
    Version: "2012-10-17",
    Statement: { Effect: "Allow", Action: "ssm:*", Resource: "*" },
  };
  assert.equal(evaluate([built], req("ssm:ListCommands", "*")).effect, "Allow");
  const broken = { Statement: { Effect: "Permit", Action: "ssm:*", Resource: "*" } } as unknown as PolicyDocument;
  assert.throws(
    () => evaluate([broken], req("ssm:ListCommands", "*")),
    (e: unknown) => e instanceof SsmError && e.code === "ValidationException",
  );
});

test("parsed documents are frozen", () => {
  const p = policy({ Effect: "Allow", Action: "ssm:*", Resource: "*" });
  assert.ok(Object.isFrozen(p));
  assert.throws(() => {
    (p.Statement as { Effect: string }[])[0]!.Effect = "Deny";
  }, TypeError);
});
