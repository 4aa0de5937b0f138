import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logGroupName, logStreamName } from "./log-names.ts";

describe("CloudWatch log names", () => {
  it("defaults the group to /aws/ssm/<DocumentName>, characters outside [a-zA-Z0-9_-/.#] becoming '.'", () => {
    assert.equal(logGroupName({ CloudWatchLogGroupName: "" }, "AWS-RunShellScript"), "/aws/ssm/AWS-RunShellScript");
    assert.equal(logGroupName({ CloudWatchLogGroupName: "" }, "my doc:v2+x#1"), "/aws/ssm/my.doc.v2.x#1");
  });

  it("uses CloudWatchLogGroupName as given", () => {
    assert.equal(logGroupName({ CloudWatchLogGroupName: "ops/deploys" }, "AWS-RunShellScript"), "ops/deploys");
  });

  it("names streams <command>/<node>/<step with ':' and '*' as '-'>/stdout|stderr", () => {
    const cmd = "11111111-2222-3333-4444-555555555555";
    assert.equal(
      logStreamName(cmd, "mi-0123456789abcdef0", "aws:runShellScript", "stdout"),
      `${cmd}/mi-0123456789abcdef0/aws-runShellScript/stdout`,
    );
    assert.equal(logStreamName(cmd, "mi-1", "step*one:two", "stderr"), `${cmd}/mi-1/step-one-two/stderr`);
  });
});
