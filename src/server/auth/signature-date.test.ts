import assert from "node:assert/strict";
import { test } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import { assertWithinSkew, formatSignatureDate, signatureDate } from "./signature-date.ts";

test("X-Amz-Date in basic format parses to the UTC instant", () => {
  assert.equal(signatureDate("20260214T192626Z")?.toISOString(), "2026-02-14T19:26:26.000Z");
});

test("malformed or impossible X-Amz-Date values are rejected", () => {
  for (const bad of ["2026-02-14T19:26:26Z", "20260214T192626", "20260231T000000Z", "20261301T000000Z", ""]) {
    assert.equal(signatureDate(bad), undefined, bad);
  }
});

test("formatting drops milliseconds", () => {
  assert.equal(formatSignatureDate(new Date("2026-01-01T00:00:00.999Z")), "20260101T000000Z");
});

test("a custom skew window is honoured and named in seconds when not whole minutes", () => {
  const signed = new Date("2026-01-01T00:00:00Z");
  assertWithinSkew(signed, new Date("2026-01-01T00:01:30Z"), 90);
  assert.throws(
    () => assertWithinSkew(signed, new Date("2026-01-01T00:01:31Z"), 90),
    (e: unknown) => e instanceof SsmError && e.message.endsWith("(20260101T000131Z - 90 sec.)"),
  );
});
