import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateDocumentCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand } from "@aws-sdk/client-ssm";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const MULTI_STEP = `schemaVersion: "2.2"
description: Several steps with typed parameters
parameters:
  label:
    type: String
    description: A label, letters and spaces only
    allowedPattern: "^[a-zA-Z0-9 _-]{1,40}$"
  names:
    type: StringList
    description: Some names
    allowedPattern: "^[a-z]+$"
  count:
    type: Integer
    default: 2
  loud:
    type: Boolean
    default: false
  note:
    type: String
    description: Free text, handed to the script in the environment only
    default: none
    interpolationType: ENV_VAR
mainSteps:
  - action: aws:runShellScript
    name: greet
    inputs:
      runCommand:
        - echo "label={{ label }} count={{ count }} loud={{ loud }}"
  - action: aws:runShellScript
    name: list
    inputs:
      runCommand:
        - echo 'names={{ names }}'
  - action: aws:runShellScript
    name: note
    inputs:
      runCommand:
        - printf '%s\\n' "note=$SSM_note"
  - action: aws:runShellScript
    name: windowsOnly
    precondition:
      StringEquals: [platformType, Windows]
    inputs:
      runCommand:
        - echo never
  - action: aws:runShellScript
    name: optional
    onFailure: successAndExit
    inputs:
      runCommand:
        - echo trying
        - exit 5
  - action: aws:runShellScript
    name: afterExit
    inputs:
      runCommand:
        - echo never
  - action: aws:runShellScript
    name: cleanup
    finallyStep: true
    inputs:
      runCommand:
        - echo cleanup
`;

const GREETER = `schemaVersion: "2.2"
description: Greets someone
parameters:
  who:
    type: String
    allowedPattern: "^[a-z]+$"
mainSteps:
  - action: aws:runShellScript
    name: greet
    inputs:
      runCommand:
        - echo "hello {{ who }}"
`;

describe("running documents on agents", () => {
  let fleet: Fleet;
  let a: AgentHandle;
  let b: AgentHandle;

  before(async () => {
    fleet = await Fleet.start();
    const activation = await fleet.createActivation(2);
    a = await fleet.addAgent("run-a", activation);
    b = await fleet.addAgent("run-b", activation);
    await fleet.ssm.send(
      new CreateDocumentCommand({ Name: "Multi-Step", Content: MULTI_STEP, DocumentFormat: "YAML" }),
    );
    await fleet.ssm.send(new CreateDocumentCommand({ Name: "Greeter", Content: GREETER, DocumentFormat: "YAML" }));
  });
  after(async () => fleet?.stop());

  const parameters = (note: string) => ({
    label: ["hello world"],
    names: ["ann", "bob"],
    count: ["3"],
    loud: ["true"],
    note: [note],
  });

  test("a multi-step YAML document with typed parameters runs on two agents, with per-step results", async () => {
    const victim = join(fleet.dir, "victim");
    await mkdir(victim);
    const note = `x"; rm -rf ${victim}; echo "`;
    const id = await send(fleet.ssm, {
      DocumentName: "Multi-Step",
      InstanceIds: [a.instanceId, b.instanceId],
      Parameters: parameters(note),
    });
    const command = await waitCommand(fleet.ssm, id);
    assert.equal(command.Status, "Success");
    assert.equal(command.CompletedCount, 2);

    const listed = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: id, Details: true }));
    assert.equal(listed.CommandInvocations?.length, 2);
    for (const inv of listed.CommandInvocations ?? []) {
      assert.equal(inv.Status, "Success");
      const plugins = inv.CommandPlugins ?? [];
      assert.deepEqual(
        plugins.map((p) => [p.Name, p.Status, p.ResponseCode]),
        [
          ["greet", "Success", 0],
          ["list", "Success", 0],
          ["note", "Success", 0],
          ["windowsOnly", "Success", 0],
          ["optional", "Success", 168],
          ["afterExit", "Success", 0],
          ["cleanup", "Success", 0],
        ],
      );
      const output = (name: string) => plugins.find((p) => p.Name === name)?.Output ?? "";
      assert.equal(output("greet"), "label=hello world count=3 loud=true\n");
      assert.equal(output("list"), 'names=["ann","bob"]\n');
      // The ENV_VAR parameter reached the script as data: printed literally, nothing ran.
      assert.equal(output("note"), `note=${note}\n`);
      assert.match(output("windowsOnly"), /^Step execution skipped due to unsatisfied preconditions/);
      assert.match(output("optional"), /^trying\n\nStep was found to have onFailure property/);
      assert.match(output("afterExit"), /skipped due to prior step with an exit condition/);
      assert.equal(output("cleanup"), "cleanup\n");
    }
    assert.ok(existsSync(victim), "the injection attempt must not delete anything");

    for (const agent of [a, b]) {
      const greet = await fleet.ssm.send(
        new GetCommandInvocationCommand({ CommandId: id, InstanceId: agent.instanceId, PluginName: "greet" }),
      );
      assert.equal(greet.Status, "Success");
      assert.equal(greet.StandardOutputContent, "label=hello world count=3 loud=true\n");
      const optional = await fleet.ssm.send(
        new GetCommandInvocationCommand({ CommandId: id, InstanceId: agent.instanceId, PluginName: "optional" }),
      );
      assert.equal(optional.ResponseCode, 168);
      assert.match(optional.StandardErrorContent ?? "", /onFailure property/);
    }
  });

  test("a value that breaks allowedPattern is refused at SendCommand, naming the parameter", async () => {
    await assert.rejects(
      send(fleet.ssm, {
        DocumentName: "Multi-Step",
        InstanceIds: [a.instanceId],
        Parameters: { ...parameters("x"), label: ['x"; rm -rf /tmp/victim; echo "'] },
      }),
      { name: "InvalidParameters", message: /label/ },
    );
    await assert.rejects(
      send(fleet.ssm, {
        DocumentName: "Multi-Step",
        InstanceIds: [a.instanceId],
        Parameters: { ...parameters("x"), count: ["many"] },
      }),
      { name: "InvalidParameters", message: /count/ },
    );
  });

  test("AWS-RunDocument runs a stored document with the parameters passed", async () => {
    const id = await send(fleet.ssm, {
      DocumentName: "AWS-RunDocument",
      InstanceIds: [a.instanceId],
      Parameters: {
        sourceType: ["SSMDocument"],
        sourceInfo: ['{"name":"Greeter"}'],
        documentParameters: ['{"who":"fleet"}'],
      },
    });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    const run = await fleet.ssm.send(
      new GetCommandInvocationCommand({ CommandId: id, InstanceId: a.instanceId, PluginName: "runDocument" }),
    );
    assert.equal(run.StandardOutputContent, "hello fleet\n");

    const unknown = await send(fleet.ssm, {
      DocumentName: "AWS-RunDocument",
      InstanceIds: [a.instanceId],
      Parameters: { sourceType: ["SSMDocument"], sourceInfo: ['{"name":"No-Such-Document"}'] },
    });
    assert.equal((await waitCommand(fleet.ssm, unknown)).Status, "Failed");
    const download = await fleet.ssm.send(
      new GetCommandInvocationCommand({ CommandId: unknown, InstanceId: a.instanceId, PluginName: "downloadContent" }),
    );
    assert.equal(download.StandardErrorContent, "document No-Such-Document was not found");
  });

  test("exit 194 with --reboot-command: the agent reboots, and after it starts again the step re-runs", async () => {
    const rebooted = join(fleet.dir, "reboot-command-ran");
    const marker = join(fleet.dir, "step-marker");
    const c = await fleet.addAgent("run-c", undefined, ["--reboot-command", `touch ${rebooted}`]);
    const id = await send(fleet.ssm, {
      InstanceIds: [c.instanceId],
      commands: [`if [ -f ${marker} ]; then echo after-reboot; else touch ${marker}; exit 194; fi`],
    });
    await waitFor("the reboot command to run", () => (existsSync(rebooted) ? true : undefined));
    assert.equal((await invocation(fleet.ssm, id, c.instanceId)).Status, "InProgress");
    await c.kill();
    await c.restart();
    const command = await waitCommand(fleet.ssm, id);
    assert.equal(command.Status, "Success");
    const inv = await invocation(fleet.ssm, id, c.instanceId);
    assert.equal(inv.StandardOutputContent, "after-reboot\n");
  });

  test("exit 194 without --reboot-command fails with a message that says how to allow it", async () => {
    const id = await send(fleet.ssm, { InstanceIds: [b.instanceId], commands: ["exit 194"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Failed");
    const inv = await invocation(fleet.ssm, id, b.instanceId);
    assert.equal(inv.ResponseCode, 194);
    assert.match(inv.StandardErrorContent ?? "", /may not reboot the node: start it with --reboot-command/);
  });
});
