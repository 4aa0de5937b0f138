import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileEventPattern, EventPatternError } from "./event-pattern.ts";
import { matchesEventPattern } from "./match-event-pattern.ts";

const invocationEvent = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Command Invocation Status-change Notification",
  source: "aws.ssm",
  account: "000000000000",
  time: "2026-01-31T12:00:00.000Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:000000000000:instance/mi-0123456789abcdef0"],
  detail: {
    "command-id": "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b",
    "document-name": "AWS-RunShellScript",
    "instance-id": "mi-0123456789abcdef0",
    "requested-date-time": "2026-01-31T11:59:58.000Z",
    status: "Success",
    "response-code": 0,
    tags: { Role: "web", Env: ["prod", "eu"] },
    empty: null,
  },
};

function matches(pattern: unknown, event: unknown = invocationEvent): boolean {
  return matchesEventPattern(compileEventPattern(JSON.stringify(pattern)), event);
}

describe("event pattern matching", () => {
  it("matches exact values, with an array meaning any of them", () => {
    assert.equal(matches({ source: ["aws.ssm"] }), true);
    assert.equal(matches({ source: ["fleetrun", "aws.ssm"] }), true);
    assert.equal(matches({ source: ["fleetrun"] }), false);
    assert.equal(matches({ source: ["AWS.SSM"] }), false, "exact matching is case-sensitive");
  });

  it("requires every named field (AND) and ignores fields it does not name", () => {
    assert.equal(matches({ source: ["aws.ssm"], detail: { status: ["Success"] } }), true);
    assert.equal(matches({ source: ["aws.ssm"], detail: { status: ["Failed"] } }), false);
    assert.equal(matches({ "detail-type": ["EC2 Command Status-change Notification"] }), false);
  });

  it("descends into nested objects", () => {
    assert.equal(matches({ detail: { tags: { Role: ["web"] } } }), true);
    assert.equal(matches({ detail: { tags: { Role: ["db"] } } }), false);
    assert.equal(matches({ detail: { missing: { deeper: ["x"] } } }), false);
  });

  it("matches when any element of an array in the event matches", () => {
    assert.equal(matches({ detail: { tags: { Env: ["eu"] } } }), true);
    assert.equal(matches({ detail: { tags: { Env: ["us"] } } }), false);
    assert.equal(matches({ resources: [{ suffix: "mi-0123456789abcdef0" }] }), true);
  });

  it("compares numbers by value and never across types", () => {
    assert.equal(matches({ detail: { "response-code": [0] } }), true);
    assert.equal(matches({ detail: { "response-code": ["0"] } }), false);
    assert.equal(matches({ detail: { status: [0] } }), false);
  });

  it("matches null as a value", () => {
    assert.equal(matches({ detail: { empty: [null] } }), true);
    assert.equal(matches({ detail: { status: [null] } }), false);
  });

  it("matches prefixes and suffixes of strings only", () => {
    assert.equal(matches({ detail: { "document-name": [{ prefix: "AWS-" }] } }), true);
    assert.equal(matches({ detail: { "document-name": [{ prefix: "Custom-" }] } }), false);
    assert.equal(matches({ detail: { "document-name": [{ suffix: "ShellScript" }] } }), true);
    assert.equal(matches({ detail: { "response-code": [{ prefix: "0" }] } }), false);
    assert.equal(matches({ source: [{ prefix: "" }] }), true, "an empty prefix matches any string");
  });

  it("matches equals-ignore-case", () => {
    assert.equal(matches({ detail: { status: [{ "equals-ignore-case": "SUCCESS" }] } }), true);
    assert.equal(matches({ detail: { status: [{ "equals-ignore-case": "failed" }] } }), false);
  });

  it("matches anything-but a value, a list of values, or a prefix", () => {
    assert.equal(matches({ detail: { status: [{ "anything-but": "Failed" }] } }), true);
    assert.equal(matches({ detail: { status: [{ "anything-but": "Success" }] } }), false);
    assert.equal(matches({ detail: { status: [{ "anything-but": ["Failed", "TimedOut"] }] } }), true);
    assert.equal(matches({ detail: { status: [{ "anything-but": ["Failed", "Success"] }] } }), false);
    assert.equal(matches({ detail: { "document-name": [{ "anything-but": { prefix: "AWS-" } }] } }), false);
    assert.equal(matches({ detail: { "document-name": [{ "anything-but": { prefix: "My-" } }] } }), true);
    assert.equal(matches({ detail: { "document-name": [{ "anything-but": { suffix: "Script" } }] } }), false);
    assert.equal(matches({ detail: { "response-code": [{ "anything-but": [1, 2] }] } }), true);
    assert.equal(matches({ detail: { "response-code": [{ "anything-but": 0 }] } }), false);
  });

  it("never lets anything-but match a field the event lacks", () => {
    assert.equal(matches({ detail: { nothing: [{ "anything-but": "x" }] } }), false);
    assert.equal(matches({ detail: { nothing: [{ "anything-but": { prefix: "x" } }] } }), false);
  });

  it("compares numbers with numeric ranges", () => {
    assert.equal(matches({ detail: { "response-code": [{ numeric: ["=", 0] }] } }), true);
    assert.equal(matches({ detail: { "response-code": [{ numeric: [">", 0] }] } }), false);
    assert.equal(matches({ detail: { "response-code": [{ numeric: [">=", 0, "<", 1] }] } }), true);
    assert.equal(matches({ detail: { "response-code": [{ numeric: [">", -5, "<=", -1] }] } }), false);
    assert.equal(matches({ detail: { "response-code": [{ numeric: ["<=", 0] }] } }), true);
    assert.equal(matches({ detail: { status: [{ numeric: [">", 0] }] } }), false, "strings are not numbers");
  });

  it("tests for a field's presence with exists", () => {
    assert.equal(matches({ detail: { "instance-id": [{ exists: true }] } }), true);
    assert.equal(matches({ detail: { "instance-id": [{ exists: false }] } }), false);
    assert.equal(matches({ detail: { nothing: [{ exists: false }] } }), true);
    assert.equal(matches({ detail: { nothing: [{ exists: true }] } }), false);
    assert.equal(matches({ detail: { empty: [{ exists: true }] } }), true, "null is present");
    assert.equal(matches({ detail: { tags: [{ exists: true }] } }), false, "exists applies to leaves only");
    assert.equal(matches({ nothing: { deeper: [{ exists: false }] } }), true, "inside an absent object");
  });

  it("ORs matchers of different kinds within one field", () => {
    assert.equal(matches({ detail: { status: ["Failed", { prefix: "Succ" }] } }), true);
    assert.equal(matches({ detail: { status: ["Failed", { prefix: "Time" }] } }), false);
  });

  it("does not match non-object events", () => {
    assert.equal(matches({ source: ["aws.ssm"] }, null), false);
    assert.equal(matches({ source: ["aws.ssm"] }, "aws.ssm"), false);
  });
});

describe("event pattern validation", () => {
  const refused = (pattern: unknown, message: RegExp) =>
    assert.throws(
      () => compileEventPattern(pattern),
      (e: unknown) => e instanceof EventPatternError && message.test(e.message),
    );

  it("accepts text or an already parsed value", () => {
    const pattern = compileEventPattern({ source: ["fleetrun"] });
    assert.equal(matchesEventPattern(pattern, { source: "fleetrun" }), true);
  });

  it("refuses malformed JSON and non-objects", () => {
    refused("{source:", /not valid JSON/);
    refused("[]", /must be a JSON object/);
    refused('"aws.ssm"', /must be a JSON object/);
  });

  it("refuses empty patterns, empty arrays and scalar fields, naming the field", () => {
    refused({}, /empty/);
    refused({ detail: {} }, /detail is an empty object/);
    refused({ source: [] }, /source is an empty array/);
    refused({ detail: { status: "Success" } }, /detail\.status must be an array/);
  });

  it("refuses unknown and malformed matchers", () => {
    refused({ source: [{ wildcard: "a*" }] }, /unknown matcher "wildcard"/);
    refused({ source: [{ prefix: 1 }] }, /prefix takes a string/);
    refused({ source: [{ prefix: "a", suffix: "b" }] }, /exactly one key/);
    refused({ source: [{ exists: "yes" }] }, /exists takes true or false/);
    refused({ source: [{ "anything-but": [] }] }, /anything-but/);
    refused({ source: [{ "anything-but": { wildcard: "x" } }] }, /anything-but/);
    refused({ source: [["nested"]] }, /holds an array/);
  });

  it("refuses malformed numeric ranges", () => {
    refused({ n: [{ numeric: [">"] }] }, /numeric/);
    refused({ n: [{ numeric: ["!=", 1] }] }, /numeric/);
    refused({ n: [{ numeric: [">", "1"] }] }, /numeric/);
    refused({ n: [{ numeric: ["<", 5, ">", 1] }] }, /numeric/);
    refused({ n: [{ numeric: [">", 5, "<", 1] }] }, /numeric/);
    refused({ n: [{ numeric: [">", 1, "<", 5, "=", 3] }] }, /numeric/);
  });

  it("refuses patterns that are too long or too deep", () => {
    refused(JSON.stringify({ source: ["x".repeat(5000)] }), /longer than 4096/);
    let deep: Record<string, unknown> = { leaf: ["x"] };
    for (let i = 0; i < 12; i++) deep = { d: deep };
    refused(deep, /deeper than 10/);
  });
});
