import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HIDDEN, isSecretParameterName, redactParameters, redactSecrets, redactSignatures } from "./redact.ts";

describe("redactSecrets", () => {
  it("hides access-key secrets, activation codes and passwords at any depth, in any letter case", () => {
    const out = redactSecrets({
      AccessKey: { AccessKeyId: "AKIA1", SecretAccessKey: "s3cr3t", UserName: "bob" },
      ActivationId: "a-1",
      ActivationCode: "code-123",
      activationCode: "code-456",
      LoginProfile: [{ Password: "hunter2" }],
      NewPassword: "p2",
    });
    assert.deepEqual(JSON.parse(JSON.stringify(out)), {
      AccessKey: { AccessKeyId: "AKIA1", SecretAccessKey: HIDDEN, UserName: "bob" },
      ActivationId: "a-1",
      ActivationCode: HIDDEN,
      activationCode: HIDDEN,
      LoginProfile: [{ Password: HIDDEN }],
      NewPassword: HIDDEN,
    });
    assert.doesNotMatch(JSON.stringify(out), /s3cr3t|code-123|code-456|hunter2/);
  });

  it("keeps policy documents readable", () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    assert.deepEqual(JSON.parse(JSON.stringify(redactSecrets({ PolicyDocument: policy }))), { PolicyDocument: policy });
  });

  it("turns what JSON cannot hold into JSON and leaves the input alone", () => {
    const input = { a: undefined, b: Number.NaN, c: new Date(0), d: Buffer.from("x"), e: [1, "two", true, null] };
    assert.deepEqual(JSON.parse(JSON.stringify(redactSecrets(input))), {
      b: null,
      c: "1970-01-01T00:00:00.000Z",
      d: null,
      e: [1, "two", true, null],
    });
    assert.equal(input.d.toString(), "x");
    assert.equal(redactSecrets(undefined), null);
  });

  it("keeps a __proto__ member as an ordinary member", () => {
    const out = redactSecrets(JSON.parse('{"__proto__":{"Password":"p"}}'));
    assert.equal(JSON.stringify(out), `{"__proto__":{"Password":"${HIDDEN}"}}`);
  });
});

describe("redactParameters", () => {
  it("hides every value of the parameters the predicate names", () => {
    const params = { commands: ["echo hi"], dbPassword: ["a", "b"], single: "x" };
    assert.deepEqual(JSON.parse(JSON.stringify(redactParameters(params, (n) => n !== "commands"))), {
      commands: ["echo hi"],
      dbPassword: [HIDDEN, HIDDEN],
      single: HIDDEN,
    });
    assert.equal(
      redactParameters("not a map", () => true),
      "not a map",
    );
  });

  it("names secret parameters by password, secret, token or key in their name", () => {
    for (const name of ["dbPassword", "SECRET", "apiToken", "sshKey", "KeyId"])
      assert.ok(isSecretParameterName(name), name);
    for (const name of ["commands", "workingDirectory", "executionTimeout"])
      assert.ok(!isSecretParameterName(name), name);
  });
});

describe("redactSignatures", () => {
  it("cuts SigV4 signatures out of messages that quote the Authorization header or a presigned URL", () => {
    const text =
      "Authorization header requires 'Credential' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abcdef0123";
    const out = redactSignatures(text);
    assert.doesNotMatch(out, /abcdef0123/);
    assert.match(out, /Signature=HIDDEN_DUE_TO_SECURITY_REASONS/);
    assert.doesNotMatch(redactSignatures("https://h/?X-Amz-Signature=ff00&x=1"), /ff00/);
    assert.equal(redactSignatures("no signature here"), "no signature here");
  });
});
