import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AWS_MANAGED_POLICIES, awsManagedPolicy } from "./aws-managed-policies.ts";
import { isValidName, isValidPath, parsePolicyArn, policyArn, userArn } from "./iam-names.ts";

describe("IAM names and ARNs", () => {
  it("accepts IAM's name characters within the length limit and nothing else", () => {
    assert.equal(isValidName("a+b=c,d.e@f-g_h1", 64), true);
    assert.equal(isValidName("x".repeat(64), 64), true);
    assert.equal(isValidName("x".repeat(65), 64), false);
    for (const bad of ["", "a b", "a/b", "a*b", "é"]) assert.equal(isValidName(bad, 128), false, bad);
  });

  it("accepts / and /a/b/ as paths but not a or /a", () => {
    assert.equal(isValidPath("/"), true);
    assert.equal(isValidPath("/ops/team/"), true);
    assert.equal(isValidPath("ops/"), false);
    assert.equal(isValidPath("/ops"), false);
  });

  it("builds ARNs with the path and parses policy ARNs back", () => {
    assert.equal(userArn("123456789012", "bob", "/ops/"), "arn:aws:iam::123456789012:user/ops/bob");
    const arn = policyArn("123456789012", "Read", "/team/");
    assert.deepEqual(parsePolicyArn(arn), { account: "123456789012", path: "/team/", name: "Read" });
    assert.deepEqual(parsePolicyArn("arn:aws:iam::aws:policy/AdministratorAccess"), {
      account: "aws",
      path: "/",
      name: "AdministratorAccess",
    });
    for (const bad of ["arn:aws:iam::123:policy/x", "arn:aws:iam::123456789012:user/x", "AdministratorAccess"])
      assert.equal(parsePolicyArn(bad), undefined, bad);
  });

  it("ships AdministratorAccess as Allow * on *, and finds built-ins only by their exact ARN", () => {
    const admin = awsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
    assert.deepEqual(JSON.parse(admin?.document ?? "{}").Statement, [{ Effect: "Allow", Action: "*", Resource: "*" }]);
    assert.equal(awsManagedPolicy("arn:aws:iam::000000000000:policy/AdministratorAccess"), undefined);
    const names = AWS_MANAGED_POLICIES.map((p) => p.policyName);
    assert.deepEqual(names, [...names].sort());
  });
});
