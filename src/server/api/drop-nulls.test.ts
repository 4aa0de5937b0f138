import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dropNulls } from "./drop-nulls.ts";

describe("dropNulls", () => {
  it("makes a null member absent, so `?? default` and `=== undefined` see it as not given", () => {
    const input: Record<string, unknown> = { DocumentName: "AWS-RunShellScript", NextToken: null, MaxResults: null };
    dropNulls(input);
    assert.deepEqual(input, { DocumentName: "AWS-RunShellScript" });
    assert.equal(Object.hasOwn(input, "NextToken"), false);
  });

  it("reaches members of nested structures and of structures inside lists", () => {
    const input = {
      NotificationConfig: { NotificationArn: null, NotificationType: "Command" },
      Targets: [{ Key: "tag:Env", Values: ["prod"], Extra: null }],
    };
    dropNulls(input);
    assert.deepEqual(input, {
      NotificationConfig: { NotificationType: "Command" },
      Targets: [{ Key: "tag:Env", Values: ["prod"] }],
    });
  });

  it("keeps falsy values that are not null", () => {
    const input = { Comment: "", MaxResults: 0, Details: false, InstanceIds: [] };
    dropNulls(input);
    assert.deepEqual(input, { Comment: "", MaxResults: 0, Details: false, InstanceIds: [] });
  });

  it("leaves a member named __proto__ an own data property and the prototype untouched", () => {
    const input = JSON.parse('{"__proto__": {"polluted": null}, "Name": null}');
    dropNulls(input);
    assert.deepEqual(Object.keys(input), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(input), Object.prototype);
  });
});
