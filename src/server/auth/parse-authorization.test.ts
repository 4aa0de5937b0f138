import assert from "node:assert/strict";
import { test } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import { parseAuthorization } from "./parse-authorization.ts";

const SIG = "a".repeat(64);

test("the fields of an Authorization header are parsed, with or without spaces after commas", () => {
  const expected = {
    accessKeyId: "AKIDEXAMPLE",
    scope: { date: "20260101", region: "us-east-1", service: "ssm" },
    signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-target"],
    signature: SIG,
  };
  const credential = "Credential=AKIDEXAMPLE/20260101/us-east-1/ssm/aws4_request";
  const signed = "SignedHeaders=content-type;host;x-amz-date;x-amz-target";
  assert.deepEqual(parseAuthorization(`AWS4-HMAC-SHA256 ${credential}, ${signed}, Signature=${SIG}`), expected);
  assert.deepEqual(parseAuthorization(`AWS4-HMAC-SHA256 ${credential},${signed},Signature=${SIG}`), expected);
});

function incomplete(header: string, message: RegExp): void {
  assert.throws(
    () => parseAuthorization(header),
    (e: unknown) => e instanceof SsmError && e.code === "IncompleteSignatureException" && message.test(e.message),
  );
}

test("every missing parameter is named at once", () => {
  incomplete("AWS4-HMAC-SHA256", /'Credential'.*'Signature'.*'SignedHeaders'/);
  incomplete("AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=", /'Credential'.*'Signature'/);
});

test("a scope with an empty element or a non-date is malformed", () => {
  incomplete(`AWS4-HMAC-SHA256 Credential=AK/20260101//ssm/aws4_request, SignedHeaders=host, Signature=${SIG}`, /5/);
  incomplete(
    `AWS4-HMAC-SHA256 Credential=AK/2026-01-01/r/ssm/aws4_request, SignedHeaders=host, Signature=${SIG}`,
    /YYYYMMDD/,
  );
});

test("SignedHeaders must be lower-case names separated by semicolons", () => {
  const cred = "Credential=AK/20260101/r/ssm/aws4_request";
  incomplete(`AWS4-HMAC-SHA256 ${cred}, SignedHeaders=Host;x-amz-date, Signature=${SIG}`, /lower-case/);
  incomplete(`AWS4-HMAC-SHA256 ${cred}, SignedHeaders=host;;x-amz-date, Signature=${SIG}`, /lower-case/);
});

test("the Basic scheme is not SigV4", () => {
  incomplete("Basic dXNlcjpwYXNz", /Unsupported AWS 'algorithm': 'Basic'/);
});
