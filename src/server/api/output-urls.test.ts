import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutputStore } from "../../core/ports/output-store.ts";
import { aCommand, aPluginResult, nodeId } from "../../store/contract/fixtures.ts";
import { outputUrls } from "./output-urls.ts";

const ID = "11111111-2222-3333-4444-555555555555";
const NODE = nodeId(7);
const store = { url: (l: { bucket?: string; key: string }) => `${l.bucket ?? "local"}:${l.key}` } as OutputStore;
const SCHEMA_12 = JSON.stringify({
  schemaVersion: "1.2",
  runtimeConfig: { "aws:runShellScript": { properties: [{ runCommand: ["echo hi"] }] } },
});
const SCHEMA_22 = JSON.stringify({
  schemaVersion: "2.2",
  mainSteps: [{ action: "aws:runShellScript", name: "build", inputs: { runCommand: ["make"] } }],
});

describe("outputUrls", () => {
  it("names a schema 1.2 step by its id (0.awsrunShellScript), and gives no URL for an empty stream", () => {
    const command = aCommand(ID, { documentContent: SCHEMA_12, outputS3BucketName: "", outputS3KeyPrefix: "" });
    const plugin = aPluginResult({ name: "aws:runShellScript", stdout: "hi\n", stderr: "" });
    assert.deepEqual(outputUrls(store, command)(NODE, plugin), {
      stdout: `local:${ID}/${NODE}/awsrunShellScript/0.awsrunShellScript/stdout`,
      stderr: "",
    });
  });

  it("names a schema 2.2 step by its name, under the command's bucket and prefix", () => {
    const command = aCommand(ID, { documentContent: SCHEMA_22, outputS3BucketName: "out", outputS3KeyPrefix: "ci" });
    const plugin = aPluginResult({ name: "build", stdout: "ok\n", stderr: "warning\n" });
    assert.deepEqual(outputUrls(store, command)(NODE, plugin), {
      stdout: `out:ci/${ID}/${NODE}/awsrunShellScript/build/stdout`,
      stderr: `out:ci/${ID}/${NODE}/awsrunShellScript/build/stderr`,
    });
  });

  it("gives no URLs without a store or a step", () => {
    const command = aCommand(ID, { documentContent: SCHEMA_22 });
    assert.deepEqual(outputUrls(undefined, command)(NODE, aPluginResult()), { stdout: "", stderr: "" });
    assert.deepEqual(outputUrls(store, command)(NODE, undefined), { stdout: "", stderr: "" });
  });
});
