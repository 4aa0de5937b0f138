import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateDocumentCommand, ListCommandsCommand } from "@aws-sdk/client-ssm";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { Fleet, waitFor } from "../support/fleet.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

/**
 * Event rules end to end, set up with the CLI: a rule runs a setup document on every node that
 * registers, and a webhook rule receives only the events its pattern matches.
 */
const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

let fleet: Fleet;
let hooks: WebhookReceiver;

async function cli(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...fleet.cliEnv(), FLEETRUN_ENDPOINT: fleet.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.on("close", done));
  assert.equal(code, 0, `fleetrun ${args.join(" ")} failed:\n${stderr}`);
  return stdout;
}

const SETUP_DOCUMENT = {
  schemaVersion: "2.2",
  description: "Prepares a newly registered node.",
  parameters: { role: { type: "String", default: "none", allowedPattern: "^[a-z]+$" } },
  mainSteps: [
    {
      action: "aws:runShellScript",
      name: "setup",
      inputs: { runCommand: ["echo node-setup-done role={{ role }}"] },
    },
  ],
};

before(async () => {
  hooks = await startWebhookReceiver();
  fleet = await Fleet.start();
  await fleet.ssm.send(
    new CreateDocumentCommand({
      Name: "Setup-Node",
      Content: JSON.stringify(SETUP_DOCUMENT),
      DocumentType: "Command",
      DocumentFormat: "JSON",
    }),
  );
});

after(async () => {
  await fleet?.stop();
  await hooks?.close();
});

describe("event rules", () => {
  test("a rule on Managed Node Registered runs the setup document on the new node", async () => {
    await cli(
      "rules",
      "create",
      "setup-new-nodes",
      "--pattern",
      '{"source":["fleetrun"],"detail-type":["Managed Node Registered"]}',
      "--run-document",
      "Setup-Node",
      "--parameters",
      "role=web",
    );
    const listed = await cli("rules", "list");
    assert.match(listed, /setup-new-nodes\s+run-document Setup-Node/);
    const agent = await fleet.addAgent("fresh");
    const commandId = await waitFor("the rule's command", async () => {
      const out = await fleet.ssm.send(new ListCommandsCommand({ InstanceId: agent.instanceId }));
      return out.Commands?.find((c) => c.DocumentName === "Setup-Node")?.CommandId;
    });
    const command = await waitCommand(fleet.ssm, commandId);
    assert.equal(command.Status, "Success");
    assert.equal(command.Comment, "fleetrun rule setup-new-nodes");
    const result = await invocation(fleet.ssm, commandId, agent.instanceId);
    assert.equal(result.StandardOutputContent?.trim(), "node-setup-done role=web");
    await cli("rules", "delete", "setup-new-nodes");
    assert.doesNotMatch(await cli("rules", "list"), /setup-new-nodes/);
  });

  test("a webhook rule with prefix and anything-but receives only the events it matches", async () => {
    const pattern = {
      source: ["aws.ssm"],
      "detail-type": [{ prefix: "EC2 Command Invocation" }],
      detail: {
        status: [{ "anything-but": ["Pending", "InProgress"] }],
        "document-name": [{ "anything-but": { prefix: "Setup-" } }],
      },
    };
    const created = JSON.parse(
      await cli(
        "rules",
        "create",
        "finished-invocations",
        "--pattern",
        JSON.stringify(pattern),
        "--webhook",
        `${hooks.url}/rule`,
      ),
    ) as { SigningSecret: string };
    const agent = await fleet.addAgent("watched");
    const ignored = await send(fleet.ssm, { DocumentName: "Setup-Node", InstanceIds: [agent.instanceId] });
    await waitCommand(fleet.ssm, ignored);
    const commandId = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo watched"] });
    await waitCommand(fleet.ssm, commandId);
    const [first] = await waitFor("the rule's delivery", () =>
      hooks.on("/rule").length > 0 ? hooks.on("/rule") : undefined,
    );
    const event = JSON.parse(first?.body ?? "{}") as { "detail-type": string; detail: Record<string, unknown> };
    assert.equal(event["detail-type"], "EC2 Command Invocation Status-change Notification");
    assert.deepEqual(
      [event.detail["command-id"], event.detail["instance-id"], event.detail.status],
      [commandId, agent.instanceId, "Success"],
    );
    const signature = `sha256=${createHmac("sha256", created.SigningSecret)
      .update(first?.body ?? "")
      .digest("hex")}`;
    assert.equal(first?.headers["x-fleetrun-signature"], signature);
    // Events are handled in order: once the Success event was delivered, the earlier ones were matched too.
    const log = JSON.parse(
      await cli("topics", "deliveries", "--source", "rule:finished-invocations", "--output", "json"),
    ) as { Deliveries: unknown[] };
    assert.equal(log.Deliveries.length, 1, "Pending, InProgress, command events and Setup-Node events did not match");
    assert.equal(hooks.on("/rule").length, 1);
  });
});
