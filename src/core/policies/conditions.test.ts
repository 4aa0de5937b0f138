import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, parsePolicy } from "./index.ts";
import type { ContextInput } from "./request-context.ts";

/** True when an Allow statement guarded by `condition` lets the request through. */
function holds(condition: object, context: ContextInput): boolean {
  const doc = parsePolicy(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "ssm:ListCommands", Resource: "*", Condition: condition },
    }),
  );
  return evaluate([doc], { action: "ssm:ListCommands", resource: "*", context }).effect === "Allow";
}

describe("string operators", () => {
  test("StringEquals is exact and case-sensitive; several values are OR", () => {
    const c = { StringEquals: { "aws:username": ["alice", "bob"] } };
    assert.ok(holds(c, { "aws:username": "alice" }));
    assert.ok(holds(c, { "aws:username": "bob" }));
    assert.ok(!holds(c, { "aws:username": "Alice" }));
    assert.ok(!holds(c, { "aws:username": "al*" }));
    assert.ok(!holds({ StringEquals: { "aws:username": "al*" } }, { "aws:username": "alice" }), "no wildcards");
    assert.ok(!holds(c, {}), "missing key: positive operator false");
  });

  test("StringNotEquals holds when no value matches, and when the key is missing", () => {
    const c = { StringNotEquals: { "aws:username": ["alice", "bob"] } };
    assert.ok(holds(c, { "aws:username": "carol" }));
    assert.ok(!holds(c, { "aws:username": "bob" }));
    assert.ok(holds(c, {}));
  });

  test("IgnoreCase variants", () => {
    assert.ok(holds({ StringEqualsIgnoreCase: { "aws:username": "ALICE" } }, { "aws:username": "alice" }));
    assert.ok(!holds({ StringNotEqualsIgnoreCase: { "aws:username": "ALICE" } }, { "aws:username": "Alice" }));
    assert.ok(holds({ StringNotEqualsIgnoreCase: { "aws:username": "ALICE" } }, { "aws:username": "bob" }));
  });

  test("StringLike / StringNotLike use * and ?", () => {
    assert.ok(holds({ StringLike: { "ssm:resourceTag/Env": "prod-*" } }, { "ssm:resourceTag/Env": "prod-eu" }));
    assert.ok(holds({ StringLike: { "ssm:resourceTag/Env": "prod-?" } }, { "ssm:resourceTag/Env": "prod-1" }));
    assert.ok(!holds({ StringLike: { "ssm:resourceTag/Env": "prod-?" } }, { "ssm:resourceTag/Env": "prod-12" }));
    assert.ok(!holds({ StringNotLike: { "ssm:resourceTag/Env": "prod-*" } }, { "ssm:resourceTag/Env": "prod-eu" }));
    assert.ok(holds({ StringNotLike: { "ssm:resourceTag/Env": "prod-*" } }, { "ssm:resourceTag/Env": "dev" }));
    assert.ok(holds({ StringNotLike: { "ssm:resourceTag/Env": "prod-*" } }, {}));
  });

  test("context key names are case-insensitive", () => {
    assert.ok(
      holds({ StringEquals: { "SSM:ResourceTag/Finance": "WebServers" } }, { "ssm:resourceTag/finance": "WebServers" }),
    );
  });
});

describe("numeric and date operators", () => {
  const n = (op: string, policy: string, value: string) => holds({ [op]: { "ssm:x": policy } }, { "ssm:x": value });
  test("every Numeric comparison", () => {
    assert.ok(n("NumericEquals", "10", "10.0"));
    assert.ok(!n("NumericEquals", "10", "11"));
    assert.ok(n("NumericNotEquals", "10", "11"));
    assert.ok(!n("NumericNotEquals", "10", "10"));
    assert.ok(n("NumericLessThan", "10", "9"));
    assert.ok(!n("NumericLessThan", "10", "10"));
    assert.ok(n("NumericLessThanEquals", "10", "10"));
    assert.ok(n("NumericGreaterThan", "10", "10.5"));
    assert.ok(!n("NumericGreaterThan", "10", "10"));
    assert.ok(n("NumericGreaterThanEquals", "-1", "-1"));
    assert.ok(!n("NumericLessThan", "10", "abc"), "a non-numeric request value never matches");
    assert.ok(holds({ NumericLessThan: { "ssm:x": 5 } }, { "ssm:x": "4" }), "JSON numbers are accepted");
  });

  test("every Date comparison, with ISO 8601 and epoch seconds", () => {
    const t = "2030-01-01T00:00:00Z";
    const d = (op: string, value: string) => holds({ [op]: { "aws:CurrentTime": t } }, { "aws:CurrentTime": value });
    assert.ok(d("DateEquals", "2030-01-01T00:00:00.000Z"));
    assert.ok(d("DateEquals", "2030-01-01T01:00:00+01:00"));
    assert.ok(d("DateEquals", "1893456000"), "epoch seconds");
    assert.ok(d("DateNotEquals", "2031-01-01T00:00:00Z"));
    assert.ok(d("DateLessThan", "2029-12-31T23:59:59Z"));
    assert.ok(!d("DateLessThan", t));
    assert.ok(d("DateLessThanEquals", t));
    assert.ok(d("DateGreaterThan", "2030-01-01T00:00:01Z"));
    assert.ok(d("DateGreaterThanEquals", t));
    assert.ok(!d("DateGreaterThanEquals", "2029-06-01"));
    assert.ok(d("DateEquals", "2030-01-01T00:00:00"), "a time without a zone is UTC");
    assert.ok(!d("DateLessThan", "yesterday"));
  });
});

describe("Bool, IP, ARN and Null", () => {
  test("Bool", () => {
    assert.ok(holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "true" }));
    assert.ok(holds({ Bool: { "aws:SecureTransport": true } }, { "aws:SecureTransport": "TRUE" }));
    assert.ok(!holds({ Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "false" }));
    assert.ok(!holds({ Bool: { "aws:SecureTransport": "true" } }, {}));
    assert.ok(holds({ Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": "false" }));
  });

  test("IpAddress / NotIpAddress with IPv4 and IPv6 blocks", () => {
    const c = { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } };
    assert.ok(holds(c, { "aws:SourceIp": "203.0.113.5" }));
    assert.ok(holds(c, { "aws:SourceIp": "2001:db8::5" }));
    assert.ok(holds(c, { "aws:SourceIp": "::ffff:203.0.113.5" }));
    assert.ok(!holds(c, { "aws:SourceIp": "198.51.100.1" }));
    assert.ok(!holds(c, { "aws:SourceIp": "garbage" }));
    assert.ok(!holds(c, {}));
    const n = { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } };
    assert.ok(holds(n, { "aws:SourceIp": "198.51.100.1" }));
    assert.ok(!holds(n, { "aws:SourceIp": "203.0.113.200" }));
  });

  test("ArnEquals / ArnLike / ArnNotEquals / ArnNotLike", () => {
    const key = "ssm:SourceArn";
    const v = { [key]: "arn:aws:ssm:us-east-1:123456789012:document/Mine" };
    assert.ok(holds({ ArnLike: { [key]: "arn:aws:ssm:*:123456789012:document/*" } }, v));
    assert.ok(holds({ ArnEquals: { [key]: "arn:aws:ssm:us-east-1:123456789012:document/Mine" } }, v));
    assert.ok(!holds({ ArnLike: { [key]: "arn:aws:ssm:*:999999999999:document/*" } }, v));
    assert.ok(holds({ ArnNotLike: { [key]: "arn:aws:ssm:*:999999999999:document/*" } }, v));
    assert.ok(!holds({ ArnNotEquals: { [key]: "arn:aws:ssm:us-east-1:123456789012:document/Mine" } }, v));
  });

  test("Null checks presence", () => {
    assert.ok(holds({ Null: { "ssm:resourceTag/Finance": "true" } }, {}));
    assert.ok(!holds({ Null: { "ssm:resourceTag/Finance": "true" } }, { "ssm:resourceTag/Finance": "x" }));
    assert.ok(holds({ Null: { "ssm:resourceTag/Finance": "false" } }, { "ssm:resourceTag/Finance": "" }));
    assert.ok(!holds({ Null: { "ssm:resourceTag/Finance": false } }, {}));
    assert.ok(
      holds({ Null: { "ssm:resourceTag/Finance": "true" } }, { "ssm:resourceTag/Finance": [] }),
      "empty list = absent",
    );
  });
});

describe("IfExists and set operators", () => {
  test("IfExists: a missing key makes the condition true, a present key is checked", () => {
    const c = { StringEqualsIfExists: { "ssm:resourceTag/Env": "prod" } };
    assert.ok(holds(c, {}));
    assert.ok(holds(c, { "ssm:resourceTag/Env": "prod" }));
    assert.ok(!holds(c, { "ssm:resourceTag/Env": "dev" }));
    assert.ok(holds({ NumericLessThanIfExists: { "ssm:x": "3" } }, {}));
    assert.ok(holds({ IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } }, {}));
    assert.ok(!holds({ IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "11.0.0.1" }));
  });

  test("ForAnyValue: some request value matches; missing key is false", () => {
    const c = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["Env", "Team"] } };
    assert.ok(holds(c, { "aws:TagKeys": ["Owner", "Env"] }));
    assert.ok(!holds(c, { "aws:TagKeys": ["Owner"] }));
    assert.ok(!holds(c, {}));
    assert.ok(!holds(c, { "aws:TagKeys": [] }));
    assert.ok(holds({ "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "Env" } }, {}));
    const neg = { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["Env"] } };
    assert.ok(holds(neg, { "aws:TagKeys": ["Env", "Owner"] }), "Owner is not Env");
    assert.ok(!holds(neg, { "aws:TagKeys": ["Env"] }));
    assert.ok(!holds(neg, {}));
  });

  test("ForAllValues: every request value matches; missing or empty key is true", () => {
    const c = { "ForAllValues:StringLike": { "aws:TagKeys": ["Env", "Team*"] } };
    assert.ok(holds(c, { "aws:TagKeys": ["Env", "TeamA"] }));
    assert.ok(!holds(c, { "aws:TagKeys": ["Env", "Owner"] }));
    assert.ok(holds(c, {}));
    assert.ok(holds(c, { "aws:TagKeys": [] }));
    const neg = { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["Secret"] } };
    assert.ok(holds(neg, { "aws:TagKeys": ["Env", "Owner"] }));
    assert.ok(!holds(neg, { "aws:TagKeys": ["Env", "Secret"] }));
  });

  test("a plain operator on a multi-valued key: positive = any value, negated = no value matches", () => {
    assert.ok(holds({ StringEquals: { "aws:TagKeys": "Env" } }, { "aws:TagKeys": ["Owner", "Env"] }));
    assert.ok(!holds({ StringNotEquals: { "aws:TagKeys": "Env" } }, { "aws:TagKeys": ["Owner", "Env"] }));
    assert.ok(holds({ StringNotEquals: { "aws:TagKeys": "Env" } }, { "aws:TagKeys": ["Owner"] }));
  });
});

describe("combining conditions", () => {
  test("several keys under one operator AND; several operators AND", () => {
    const c = {
      StringEquals: { "ssm:resourceTag/a": "1", "ssm:resourceTag/b": "2" },
      Bool: { "aws:SecureTransport": "true" },
    };
    const ok = { "ssm:resourceTag/a": "1", "ssm:resourceTag/b": "2", "aws:SecureTransport": "true" };
    assert.ok(holds(c, ok));
    assert.ok(!holds(c, { ...ok, "ssm:resourceTag/b": "3" }));
    assert.ok(!holds(c, { ...ok, "aws:SecureTransport": "false" }));
    assert.ok(!holds(c, { "ssm:resourceTag/a": "1", "aws:SecureTransport": "true" }));
  });

  test("operator names are accepted in any case", () => {
    assert.ok(holds({ stringequals: { "aws:username": "a" } }, { "aws:username": "a" }));
    assert.ok(holds({ "forallvalues:stringlikeifexists": { "aws:TagKeys": "*" } }, { "aws:TagKeys": ["x"] }));
  });
});

describe("policy variables in condition values", () => {
  test(`\${aws:username} resolves from the context`, () => {
    const c = { StringLike: { "ssm:resourceTag/Owner": `\${aws:username}` } };
    assert.ok(holds(c, { "aws:username": "alice", "ssm:resourceTag/Owner": "alice" }));
    assert.ok(!holds(c, { "aws:username": "alice", "ssm:resourceTag/Owner": "bob" }));
  });

  test("a variable without a value fails the condition, even a negated one; a default fills in", () => {
    assert.ok(
      !holds({ StringEquals: { "ssm:resourceTag/Owner": `\${aws:username}` } }, { "ssm:resourceTag/Owner": "" }),
    );
    assert.ok(
      !holds({ StringNotEquals: { "ssm:resourceTag/Owner": `\${aws:username}` } }, { "ssm:resourceTag/Owner": "x" }),
    );
    const d = { StringEquals: { "ssm:resourceTag/Owner": `\${aws:username, 'nobody'}` } };
    assert.ok(holds(d, { "ssm:resourceTag/Owner": "nobody" }));
    assert.ok(holds(d, { "ssm:resourceTag/Owner": "alice", "aws:username": "alice" }));
  });

  test(`a variable's value is literal in StringLike; \${*} is a literal star`, () => {
    const c = { StringLike: { "ssm:resourceTag/Owner": `\${aws:username}` } };
    assert.ok(!holds(c, { "aws:username": "*", "ssm:resourceTag/Owner": "alice" }));
    assert.ok(holds({ StringLike: { "ssm:x": `a\${*}` } }, { "ssm:x": "a*" }));
    assert.ok(!holds({ StringLike: { "ssm:x": `a\${*}` } }, { "ssm:x": "ab" }));
  });

  test("multi-valued keys do not resolve as variables", () => {
    assert.ok(!holds({ StringEquals: { "ssm:x": `\${aws:TagKeys}` } }, { "ssm:x": "a", "aws:TagKeys": ["a"] }));
  });
});
