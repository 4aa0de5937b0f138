import assert from "node:assert/strict";
import { test } from "node:test";
import { checkServerUrl } from "./server-trust.ts";

test("plain http is allowed to this machine only, unless explicitly allowed", () => {
  assert.equal(checkServerUrl("http://127.0.0.1:8080", {}).port, "8080");
  assert.ok(checkServerUrl("http://localhost:8080", {}));
  assert.ok(checkServerUrl("http://[::1]:8080", {}));
  assert.throws(
    () => checkServerUrl("http://10.0.0.5:8080", {}),
    /refusing plain http to 10\.0\.0\.5:8080.*--allow-plain-http/,
  );
  assert.throws(() => checkServerUrl("http://fleet.example.com", {}), /refusing plain http/);
  assert.ok(checkServerUrl("http://10.0.0.5:8080", { allowPlainHttp: true }));
  assert.ok(checkServerUrl("https://10.0.0.5:8080", {}));
});

test("a CA or fingerprint needs https, and the URL must be http(s)", () => {
  assert.throws(() => checkServerUrl("http://127.0.0.1:1", { serverFingerprint: "AA" }), /need an https:\/\/ server/);
  assert.throws(() => checkServerUrl("ftp://x", {}), /use http:\/\/ or https:\/\//);
  assert.throws(() => checkServerUrl("not a url", {}), /invalid --server/);
});
