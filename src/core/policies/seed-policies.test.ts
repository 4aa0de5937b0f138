import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AuthzRequest, documentArn, ec2InstanceArn, evaluate, managedInstanceArn, parsePolicy } from "./index.ts";

// The example policies of the seeds, pasted verbatim (seed 001's statement keeps its no-break-space
// indentation, as copied from the web page it came from).

/** Seed 002, "Restricting Run Command Access Based on Instance Tags": Finance=WebServers nodes only. */
const FINANCE_WEB_SERVERS = `{
   "Version":"2012-10-17",
   "Statement":[
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":[
            "arn:aws:ssm:*:*:document/*"
         ]
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":[
            "arn:aws:ec2:*:*:instance/*"
         ],
         "Condition":{
            "StringLike":{
               "ssm:resourceTag/Finance":[
                  "WebServers"
               ]
            }
         }
      }
   ]
}`;

/** Seed 002: nodes tagged with both tag_key1=tag_value1 and tag_key2=tag_value2; AWS-* documents. */
const BOTH_TAGS = `{
   "Version":"2012-10-17",
   "Statement":[
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":"*",
         "Condition":{
            "StringLike":{
               "ssm:resourceTag/tag_key1":[
                  "tag_value1"
               ],
               "ssm:resourceTag/tag_key2":[
                  "tag_value2"
               ]
            }
         }
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":[
            "arn:aws:ssm:us-west-1::document/AWS-*",
            "arn:aws:ssm:us-east-1::document/AWS-*"
         ]
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:UpdateInstanceInformation",
            "ssm:ListCommands",
            "ssm:ListCommandInvocations",
            "ssm:GetDocument"
         ],
         "Resource":"*"
      }
   ]
}`;

/** Seed 002: nodes tagged with either tag; AWS-* documents. */
const EITHER_TAG = `{
   "Version":"2012-10-17",
   "Statement":[
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":"*",
         "Condition":{
            "StringLike":{
               "ssm:resourceTag/tag_key1":[
                  "tag_value1"
               ]
            }
         }
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":"*",
         "Condition":{
            "StringLike":{
               "ssm:resourceTag/tag_key2":[
                  "tag_value2"
               ]
            }
         }
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:SendCommand"
         ],
         "Resource":[
            "arn:aws:ssm:us-west-1::document/AWS-*",
            "arn:aws:ssm:us-east-1::document/AWS-*"
         ]
      },
      {
         "Effect":"Allow",
         "Action":[
            "ssm:UpdateInstanceInformation",
            "ssm:ListCommands",
            "ssm:ListCommandInvocations",
            "ssm:GetDocument"
         ],
         "Resource":"*"
      }
   ]
}`;

/** Seed 001, "Least-Privilege Sample Policy": a single statement, wrapped into a document. */
const LEAST_PRIVILEGE_STATEMENT = `{
  "Effect": "Allow",
  "Action": "ssm:SendCommand",
  "Resource": [
    "arn:aws:ssm:us-east-2::document/AWS-RunShellScript",
    "arn:aws:ec2:us-east-2:accountID:instance/*"
  ],
  "Condition": {
    "StringEquals": {
      "ssm:resourceTag/Environment": "prod"
    }
  }
}`;

const ACCOUNT = "123456789012";

/** SendCommand on a managed node, as the server asks it: the node ARN, its EC2 alias and its tags. */
function onNode(region: string, tags: Record<string, string>, id = "mi-0123456789abcdef0"): AuthzRequest {
  const context = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`ssm:resourceTag/${k}`, v]));
  return {
    action: "ssm:SendCommand",
    resource: managedInstanceArn(region, ACCOUNT, id),
    resourceAliases: [ec2InstanceArn(region, ACCOUNT, id)],
    context: { "aws:username": "operator", ...context },
  };
}

/** SendCommand with a document; Amazon-owned documents have an empty account. */
function withDocument(region: string, name: string, tags: Record<string, string> = {}): AuthzRequest {
  const owner = name.startsWith("AWS-") ? "" : ACCOUNT;
  const context = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`ssm:resourceTag/${k}`, v]));
  return { action: "ssm:SendCommand", resource: documentArn(region, owner, name), context };
}

const effect = (policy: string, r: AuthzRequest) => evaluate([parsePolicy(policy)], r).effect;

describe("seed 002: Finance=WebServers operator", () => {
  test("may send any document", () => {
    assert.equal(effect(FINANCE_WEB_SERVERS, withDocument("us-east-1", "AWS-RunShellScript")), "Allow");
    assert.equal(effect(FINANCE_WEB_SERVERS, withDocument("eu-west-1", "MyDeploy")), "Allow");
  });
  test("may target a node tagged Finance=WebServers", () => {
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("us-east-1", { Finance: "WebServers" })), "Allow");
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("eu-west-1", { Finance: "WebServers", Env: "prod" })), "Allow");
  });
  test("may not target a node tagged otherwise, or untagged", () => {
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("us-east-1", { Finance: "Databases" })), "Deny");
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("us-east-1", { Finance: "webservers" })), "Deny");
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("us-east-1", { Team: "WebServers" })), "Deny");
    assert.equal(effect(FINANCE_WEB_SERVERS, onNode("us-east-1", {})), "Deny");
  });
  test("may do nothing else", () => {
    const list: AuthzRequest = { action: "ssm:ListCommands", resource: "*", context: {} };
    assert.equal(effect(FINANCE_WEB_SERVERS, list), "Deny");
  });
});

describe("seed 002: both tags required, AWS-* documents only", () => {
  test("built-in AWS-* documents in us-east-1 and us-west-1 are allowed", () => {
    assert.equal(effect(BOTH_TAGS, withDocument("us-east-1", "AWS-RunShellScript")), "Allow");
    assert.equal(effect(BOTH_TAGS, withDocument("us-west-1", "AWS-RunPowerShellScript")), "Allow");
  });
  test("a custom document, or a built-in one in another region, is denied", () => {
    assert.equal(effect(BOTH_TAGS, withDocument("us-east-1", "MyDeploy")), "Deny");
    const ownAwsNamed = { ...withDocument("us-east-1", "AWS-X"), resource: documentArn("us-east-1", ACCOUNT, "AWS-X") };
    assert.equal(effect(BOTH_TAGS, ownAwsNamed), "Deny", "an account-owned document named AWS-* is not Amazon's");
    assert.equal(effect(BOTH_TAGS, withDocument("eu-west-1", "AWS-RunShellScript")), "Deny");
  });
  test("a node needs both tags", () => {
    const both = { tag_key1: "tag_value1", tag_key2: "tag_value2" };
    assert.equal(effect(BOTH_TAGS, onNode("eu-west-1", both)), "Allow");
    assert.equal(effect(BOTH_TAGS, onNode("eu-west-1", { tag_key1: "tag_value1" })), "Deny");
    assert.equal(effect(BOTH_TAGS, onNode("eu-west-1", { ...both, tag_key2: "other" })), "Deny");
    assert.equal(effect(BOTH_TAGS, onNode("eu-west-1", {})), "Deny");
  });
  test("the read actions are allowed on anything, other writes are not", () => {
    for (const action of [
      "ssm:ListCommands",
      "ssm:ListCommandInvocations",
      "ssm:GetDocument",
      "ssm:UpdateInstanceInformation",
    ])
      assert.equal(effect(BOTH_TAGS, { action, resource: "*", context: {} }), "Allow", action);
    assert.equal(
      effect(BOTH_TAGS, {
        action: "ssm:DeleteDocument",
        resource: documentArn("us-east-1", ACCOUNT, "X"),
        context: {},
      }),
      "Deny",
    );
  });
});

describe("seed 002: either tag", () => {
  test("a node with either tag, or both, is allowed; with neither it is denied", () => {
    assert.equal(effect(EITHER_TAG, onNode("us-east-1", { tag_key1: "tag_value1" })), "Allow");
    assert.equal(effect(EITHER_TAG, onNode("us-east-1", { tag_key2: "tag_value2" })), "Allow");
    assert.equal(effect(EITHER_TAG, onNode("us-east-1", { tag_key1: "tag_value1", tag_key2: "tag_value2" })), "Allow");
    assert.equal(effect(EITHER_TAG, onNode("us-east-1", { tag_key1: "tag_value2" })), "Deny");
    assert.equal(effect(EITHER_TAG, withDocument("us-west-1", "AWS-RunShellScript")), "Allow");
    assert.equal(effect(EITHER_TAG, withDocument("us-west-1", "Custom")), "Deny");
  });
});

describe("seed 001: least-privilege statement", () => {
  const policy = `{"Version":"2012-10-17","Statement":[${LEAST_PRIVILEGE_STATEMENT}]}`;
  const node = (tags: Record<string, string>): AuthzRequest => ({
    action: "ssm:SendCommand",
    resource: managedInstanceArn("us-east-2", "accountID", "mi-0123456789abcdef0"),
    resourceAliases: [ec2InstanceArn("us-east-2", "accountID", "mi-0123456789abcdef0")],
    context: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`ssm:resourceTag/${k}`, v])),
  });
  test("parses despite its no-break-space indentation; bare, it is refused with a hint", () => {
    assert.ok(parsePolicy(policy));
    assert.throws(() => parsePolicy(LEAST_PRIVILEGE_STATEMENT), /single statement: wrap it/);
  });
  test("prod nodes in us-east-2 of the named account are allowed, others denied", () => {
    assert.equal(effect(policy, node({ Environment: "prod" })), "Allow");
    assert.equal(effect(policy, node({ Environment: "dev" })), "Deny");
    assert.equal(effect(policy, node({})), "Deny");
    const elsewhere = {
      ...node({ Environment: "prod" }),
      resourceAliases: [ec2InstanceArn("us-east-2", ACCOUNT, "mi-0123456789abcdef0")],
    };
    assert.equal(effect(policy, elsewhere), "Deny");
  });
  test("AWS-RunShellScript in us-east-2 is covered, but (as in AWS) the tag condition applies to the document too", () => {
    assert.equal(effect(policy, withDocument("us-east-2", "AWS-RunShellScript", { Environment: "prod" })), "Allow");
    assert.equal(effect(policy, withDocument("us-east-2", "AWS-RunShellScript")), "Deny");
    assert.equal(effect(policy, withDocument("us-east-2", "AWS-RunPowerShellScript", { Environment: "prod" })), "Deny");
  });
});
