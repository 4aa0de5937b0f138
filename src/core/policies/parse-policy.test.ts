import assert from "node:assert/strict";
import { test } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import { parsePolicy } from "./index.ts";

const ok = { Effect: "Allow", Action: "ssm:*", Resource: "*" };

function rejects(doc: unknown, message: RegExp): void {
  const json = typeof doc === "string" ? doc : JSON.stringify(doc);
  assert.throws(
    () => parsePolicy(json),
    (e: unknown) => e instanceof SsmError && e.code === "ValidationException" && message.test(e.message),
    `expected ${message} for ${json}`,
  );
}
const withStatements = (...s: unknown[]) => ({ Version: "2012-10-17", Statement: [ok, ...s] });

test("a valid document parses into the same JSON", () => {
  const doc = { Version: "2012-10-17", Id: "p1", Statement: [{ Sid: "A1", ...ok }] };
  assert.deepEqual(parsePolicy(JSON.stringify(doc)), doc);
  assert.deepEqual(parsePolicy(JSON.stringify({ Statement: ok })).Statement, ok);
});

test("document-level problems", () => {
  rejects("{not json", /not valid JSON/);
  rejects("[]", /must be a JSON object/);
  rejects({ Version: "2012-10-17", Statement: [ok], Extra: 1 }, /unknown top-level key "Extra"/);
  rejects({ Version: "2020-01-01", Statement: [ok] }, /Version must be "2012-10-17"/);
  rejects({ Version: "2012-10-17" }, /Statement is missing or empty/);
  rejects({ Version: "2012-10-17", Statement: [] }, /Statement is missing or empty/);
  rejects({ Id: 5, Statement: [ok] }, /Id must be a string/);
});

test("statement problems name the statement index and Sid", () => {
  rejects(
    withStatements({ Sid: "Run", Effect: "allow", Action: "ssm:*", Resource: "*" }),
    /Statement\[1\] \(Sid "Run"\): Effect must be "Allow" or "Deny", got "allow"/,
  );
  rejects(withStatements({ Action: "ssm:*", Resource: "*" }), /Statement\[1\]: Effect must be .* got nothing/);
  rejects(withStatements("x"), /Statement\[1\]: must be a JSON object/);
  rejects(withStatements({ ...ok, Acton: "ssm:*" }), /Statement\[1\]: unknown key "Acton"/);
  rejects(withStatements({ ...ok, Principal: "*" }), /Principal is not allowed in an identity-based policy/);
  rejects(withStatements({ ...ok, Sid: "has space" }), /Sid must be a string of letters and digits/);
  rejects(
    withStatements({ ...ok, Sid: "A" }, { ...ok, Sid: "A" }),
    /Statement\[2\] \(Sid "A"\): Sid "A" is not unique/,
  );
});

test("Action/NotAction and Resource/NotResource: exactly one of each, non-empty strings", () => {
  rejects(withStatements({ ...ok, NotAction: "ssm:Get*" }), /has both Action and NotAction/);
  rejects(withStatements({ Effect: "Allow", Resource: "*" }), /needs Action or NotAction/);
  rejects(withStatements({ ...ok, NotResource: "*" }), /has both Resource and NotResource/);
  rejects(withStatements({ Effect: "Allow", Action: "ssm:*" }), /needs Resource or NotResource/);
  rejects(withStatements({ ...ok, Action: [] }), /Action must be a non-empty string or a non-empty list/);
  rejects(withStatements({ ...ok, Action: ["ssm:*", 3] }), /Action must be/);
  rejects(withStatements({ ...ok, Resource: [""] }), /Resource must be/);
  rejects(
    withStatements({ ...ok, Action: "SendCommand" }),
    /action "SendCommand" must be "\*" or "<service>:<action>"/,
  );
  rejects(withStatements({ ...ok, Resource: "document/AWS-*" }), /resource "document\/AWS-\*" must be "\*" or an ARN/);
  rejects(withStatements({ ...ok, Resource: "arn:aws:ssm:r" }), /must be "\*" or an ARN/);
});

test("condition problems name the operator and key", () => {
  const cond = (Condition: unknown) => withStatements({ ...ok, Condition });
  rejects(cond({ StringEqualz: { "aws:username": "a" } }), /Statement\[1\]: unknown condition operator "StringEqualz"/);
  rejects(cond({ BinaryEquals: { "aws:x": "YQ==" } }), /unknown condition operator "BinaryEquals"/);
  rejects(cond({ "ForSomeValues:StringEquals": { "aws:x": "a" } }), /unknown condition operator/);
  rejects(
    cond({ NullIfExists: { "aws:x": "true" } }),
    /Null takes no ForAnyValue\/ForAllValues prefix and no IfExists/,
  );
  rejects(cond({ "ForAnyValue:Null": { "aws:x": "true" } }), /Null takes no/);
  rejects(cond("x"), /Condition must be a JSON object/);
  rejects(cond({ StringEquals: {} }), /condition "StringEquals" must map context keys to values/);
  rejects(cond({ StringEquals: { username: "a" } }), /condition key "username" must be "<prefix>:<name>"/);
  rejects(cond({ StringEquals: { "aws:username": [] } }), /key "aws:username" has no values/);
  rejects(cond({ StringEquals: { "aws:username": { a: 1 } } }), /values must be strings, numbers or booleans/);
  rejects(cond({ StringEquals: { "aws:username": [null] } }), /values must be strings, numbers or booleans/);
  rejects(
    cond({ NumericLessThan: { "ssm:x": "ten" } }),
    /condition "NumericLessThan" key "ssm:x": "ten" is not a number/,
  );
  rejects(cond({ DateLessThan: { "aws:CurrentTime": "next week" } }), /"next week" is not a date/);
  rejects(cond({ Bool: { "aws:SecureTransport": "yes" } }), /"yes" is not "true" or "false"/);
  rejects(cond({ IpAddress: { "aws:SourceIp": "10.0.0.0/40" } }), /"10.0.0.0\/40" is not an IP address or CIDR block/);
  rejects(cond({ Null: { "aws:x": "maybe" } }), /is not "true" or "false"/);
});
