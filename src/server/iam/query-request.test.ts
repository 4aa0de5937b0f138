import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IamError } from "../../core/identity/iam-error.ts";
import { parseQueryBody } from "./query-request.ts";

describe("parseQueryBody", () => {
  it("splits Action and Version from the parameters and decodes form escapes", () => {
    const q = parseQueryBody(
      "Action=PutUserPolicy&Version=2010-05-08&UserName=bob&PolicyName=p+1&PolicyDocument=%7B%22a%22%3A1%7D",
    );
    assert.equal(q.action, "PutUserPolicy");
    assert.equal(q.version, "2010-05-08");
    assert.deepEqual(q.params, { UserName: "bob", PolicyName: "p 1", PolicyDocument: '{"a":1}' });
  });

  it("turns X.member.N into a list ordered by N, with structures as elements", () => {
    const q = parseQueryBody(
      "Action=CreateUser&UserName=a&Tags.member.2.Key=k2&Tags.member.2.Value=v2&Tags.member.10.Key=k10" +
        "&Tags.member.10.Value=v10&Tags.member.1.Key=k1&Tags.member.1.Value=",
    );
    assert.deepEqual(q.params.Tags, [
      { Key: "k1", Value: "" },
      { Key: "k2", Value: "v2" },
      { Key: "k10", Value: "v10" },
    ]);
  });

  it("nests dotted structure members and keeps lists of plain strings", () => {
    const q = parseQueryBody("Action=X&A.B.C=1&Names.member.1=x&Names.member.2=y");
    assert.deepEqual(q.params, { A: { B: { C: "1" } }, Names: ["x", "y"] });
  });

  it("reads an empty list (X=) as an empty string and a body without Action as action ''", () => {
    const q = parseQueryBody(Buffer.from("Tags=&UserName=a"));
    assert.equal(q.action, "");
    assert.deepEqual(q.params, { Tags: "", UserName: "a" });
  });

  it("refuses a name that is both a value and a structure, empty segments and bad member indexes", () => {
    for (const body of ["A=1&A.B=2", "A..B=1", "L.member.0=x", "L.member.x=1", "L.member=1&L.member.1=2"]) {
      assert.throws(
        () => parseQueryBody(body),
        (e: unknown) => e instanceof IamError && e.code === "ValidationError",
        body,
      );
    }
  });
});
