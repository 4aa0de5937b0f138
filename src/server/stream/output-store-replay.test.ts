import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutputLocation } from "../../core/ports/output-store.ts";
import { aCommand, anInvocation, aPluginResult } from "../../store/contract/fixtures.ts";
import { outputStoreReplay } from "./output-store-replay.ts";

const CMD = "11111111-2222-3333-4444-555555555555";
const NODE = "mi-0000000000000000a";
const DOC = JSON.stringify({
  schemaVersion: "2.2",
  mainSteps: [
    { action: "aws:runShellScript", name: "first", inputs: { runCommand: ["echo 1"] } },
    { action: "aws:runShellScript", name: "second", inputs: { runCommand: ["echo 2"] } },
  ],
});

describe("outputStoreReplay", () => {
  it("reads every step stream of the document under SSM's key layout, in the command's bucket and prefix", async () => {
    const objects = new Map<string, string>([
      ["logs/out", "ignored"],
      [`b|pre/${CMD}/${NODE}/awsrunShellScript/first/stdout`, "full output, well past 24,000 chars\n"],
      [`b|pre/${CMD}/${NODE}/awsrunShellScript/second/stderr`, "oops\n"],
    ]);
    const id = (l: OutputLocation) => `${l.bucket ?? ""}|${l.key}`;
    const replay = outputStoreReplay({
      size: async (l) => Buffer.byteLength(objects.get(id(l)) ?? ""),
      read: async (l, offset, length) => Buffer.from(objects.get(id(l)) ?? "").subarray(offset, offset + length),
    });
    const command = aCommand(CMD, { documentContent: DOC, outputS3BucketName: "b", outputS3KeyPrefix: "pre" });
    assert.deepEqual(await replay.read(command, anInvocation(CMD, NODE, 0)), [
      { step: "first", stream: "stdout", text: "full output, well past 24,000 chars\n", offset: 0 },
      { step: "second", stream: "stderr", text: "oops\n", offset: 0 },
    ]);
  });

  it("falls back to the stored result content when the document cannot be read", async () => {
    const replay = outputStoreReplay({ size: async () => 0, read: async () => new Uint8Array() });
    const command = aCommand(CMD, { documentContent: "not a document" });
    const inv = anInvocation(CMD, NODE, 0, { plugins: [aPluginResult({ name: "run", stdout: "hi\n", stderr: "" })] });
    assert.deepEqual(await replay.read(command, inv), [{ step: "run", stream: "stdout", text: "hi\n" }]);
  });
});
