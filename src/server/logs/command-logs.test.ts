import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_DOCUMENTS } from "../../protocol/document/index.ts";
import { aCommand } from "../../store/contract/fixtures.ts";
import { CommandLogs } from "./command-logs.ts";

const CMD = "11111111-2222-3333-4444-555555555555";
const NODE = "mi-0000000000000000a";
const output = (step: string) =>
  ({ kind: "output", commandId: CMD, instanceId: NODE, step, stream: "stdout", offset: 0, text: "x\n" }) as const;

describe("CommandLogs stream names", () => {
  it("names a schema 1.2 step after its plugin, as AWS-RunShellScript logs to …/aws-runShellScript/stdout", () => {
    const content = BUILTIN_DOCUMENTS.find((d) => d.name === "AWS-RunShellScript")?.content ?? "";
    const logs = new CommandLogs(
      aCommand(CMD, {
        documentName: "AWS-RunShellScript",
        documentContent: content,
        cloudWatchOutputConfig: { CloudWatchLogGroupName: "", CloudWatchOutputEnabled: true },
      }),
    );
    assert.equal(logs.group, "/aws/ssm/AWS-RunShellScript");
    assert.deepEqual(
      logs.push(output("0.aws:runShellScript"), 1)[0]?.stream,
      `${CMD}/${NODE}/aws-runShellScript/stdout`,
    );
  });

  it("names a schema 2.x step after its name", () => {
    const content = JSON.stringify({
      schemaVersion: "2.2",
      mainSteps: [{ action: "aws:runShellScript", name: "deploy:web", inputs: { runCommand: ["true"] } }],
    });
    const logs = new CommandLogs(
      aCommand(CMD, {
        documentContent: content,
        cloudWatchOutputConfig: { CloudWatchLogGroupName: "deploys", CloudWatchOutputEnabled: true },
      }),
    );
    assert.equal(logs.group, "deploys");
    assert.equal(logs.push(output("deploy:web"), 1)[0]?.stream, `${CMD}/${NODE}/deploy-web/stdout`);
  });
});
