import assert from "node:assert/strict";
import { test } from "node:test";
import { arnMatch, globMatch, globTokens, literalTokens, splitArn } from "./glob.ts";

const g = (p: string, s: string, ic = false) => globMatch(globTokens(p), s, ic);
const arn = (p: string, s: string) => arnMatch(globTokens(p), s);

test("* matches any run (including none) and ? exactly one character", () => {
  assert.ok(g("ssm:*", "ssm:SendCommand"));
  assert.ok(g("ssm:Get*", "ssm:GetDocument"));
  assert.ok(g("ssm:Get*", "ssm:Get"));
  assert.ok(!g("ssm:Get*", "ssm:ListCommands"));
  assert.ok(g("a?c", "abc"));
  assert.ok(!g("a?c", "ac"));
  assert.ok(!g("a?c", "abbc"));
  assert.ok(g("*a*b*c*", "xxaxxbxxcxx"));
  assert.ok(!g("*a*b*c", "xxaxxbxxcxx"));
  assert.ok(g("", ""));
  assert.ok(!g("", "x"));
  assert.ok(g("**", ""));
});

test("matching is case-sensitive unless asked otherwise", () => {
  assert.ok(!g("ssm:sendcommand", "ssm:SendCommand"));
  assert.ok(g("SSM:send*", "ssm:SendCommand", true));
});

test("literal tokens take * and ? as ordinary characters", () => {
  assert.ok(globMatch(literalTokens("a*"), "a*"));
  assert.ok(!globMatch(literalTokens("a*"), "ab"));
});

test("pathological patterns finish quickly (no regex backtracking)", () => {
  assert.ok(!g(`${"*a".repeat(30)}b`, "a".repeat(5000)));
});

test("ARN segments match one by one: an empty account matches only an empty one", () => {
  const builtin = "arn:aws:ssm:us-east-1::document/AWS-RunShellScript";
  const own = "arn:aws:ssm:us-east-1:123456789012:document/AWS-Mine";
  assert.ok(arn("arn:aws:ssm:us-east-1::document/AWS-*", builtin));
  assert.ok(!arn("arn:aws:ssm:us-east-1::document/AWS-*", own));
  assert.ok(!arn("arn:aws:ssm:us-west-1::document/AWS-*", builtin));
  assert.ok(arn("arn:aws:ssm:*:*:document/*", builtin), "* also matches an empty account");
  assert.ok(arn("arn:aws:ssm:*:*:document/AWS-RunShellScript", builtin));
  assert.ok(arn("arn:aws:ssm:*:*:document/*", own));
});

test("a wildcard in a leading segment never crosses a colon; the resource part may hold colons", () => {
  assert.ok(!arn("arn:aws:ssm:*:document/x", "arn:aws:ssm:us-east-1:1:document/x"));
  assert.ok(!arn("arn:aws:*:document/x", "arn:aws:ssm:r:1:document/x"));
  assert.ok(arn("arn:aws:ssm:r:1:parameter/*", "arn:aws:ssm:r:1:parameter/a:b"));
  assert.ok(!arn("arn:aws:ssm:r:1:document/*", "arn:aws:ssm:r:2:document/x"));
});

test("a short pattern ending in * runs over the remaining segments; * alone matches anything", () => {
  assert.ok(arn("arn:aws:ssm:*", "arn:aws:ssm:us-east-1:1:document/x"));
  assert.ok(!arn("arn:aws:ssm:*", "arn:aws:ec2:us-east-1:1:instance/i-1"));
  assert.ok(arn("*", "arn:aws:ssm:us-east-1:1:document/x"));
  assert.ok(arn("*", "*"));
  assert.ok(!arn("arn:aws:ssm:*:*:document/*", "*"), "a specific ARN does not match the no-resource '*'");
});

test("ARN matching is case-sensitive", () => {
  assert.ok(!arn("arn:aws:ssm:*:*:document/aws-*", "arn:aws:ssm:r::document/AWS-RunShellScript"));
});

test("splitArn keeps colons of the resource part", () => {
  assert.deepEqual(splitArn("arn:aws:ssm:r:a:x:y:z"), ["arn", "aws", "ssm", "r", "a", "x:y:z"]);
});
