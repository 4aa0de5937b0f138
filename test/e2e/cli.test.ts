import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { AddTagsToResourceCommand } from "@aws-sdk/client-ssm";
import { getCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

/**
 * The everyday CLI end to end: the built `fleetrun` binary against a real server with three real
 * agents (two tagged Role=web, one Role=db), as a user types it.
 */
const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let fleet: Fleet;
let web1: AgentHandle;
let web2: AgentHandle;
let db: AgentHandle;
/** The command the first test ran on all three nodes. */
let waitedId = "";

function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args, "--endpoint-url", fleet.url], {
    env: { ...process.env, ...fleet.cliEnv() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => {
    run.stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    run.stderr += d.toString();
  });
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => {
      run.code = code;
      resolve(run);
    }),
  );
  return { run, done };
}

const fleetrun = (...args: string[]) => start(args).done;

/** The command id a `send-command` printed, from its JSON or its `--wait` banner. */
function commandIdOf(run: Run): string {
  const id =
    run.stderr.match(/^command ([0-9a-f-]{36})$/m)?.[1] ?? run.stdout.match(/"CommandId": "([0-9a-f-]{36})"/)?.[1];
  assert.ok(id, `no command id in:\n${run.stdout}\n${run.stderr}`);
  return id;
}

/** The data rows of a table (header dropped), cut into cells at the header's column starts. */
function tableRows(text: string): string[][] {
  const [header = "", ...lines] = text.trimEnd().split("\n");
  const starts = [...header.matchAll(/(?:^| {2})(\S)/g)].map((m) => (m.index ?? 0) + m[0].length - 1);
  return lines.map((line) => starts.map((start, i) => line.slice(start, starts[i + 1]).trim()));
}

before(async () => {
  fleet = await Fleet.start();
  const web = await fleet.createActivation(2, [{ Key: "Role", Value: "web" }]);
  const dbActivation = await fleet.createActivation(1, [{ Key: "Role", Value: "db" }]);
  [web1, web2, db] = await Promise.all([
    fleet.addAgent("web1", web),
    fleet.addAgent("web2", web),
    fleet.addAgent("db", dbActivation),
  ]);
  await fleet.ssm.send(
    new AddTagsToResourceCommand({
      ResourceType: "ManagedInstance",
      ResourceId: db.instanceId,
      Tags: [{ Key: "Operating System", Value: "Linux Server" }],
    }),
  );
});
after(async () => fleet?.stop());

describe("fleetrun send-command", () => {
  test("--targets and --parameters shorthand with --wait: progress, a table of the 3 nodes, exit 0", async () => {
    const run = await fleetrun(
      "send-command",
      "--document-name",
      "AWS-RunShellScript",
      "--targets",
      "Key=tag:Role,Values=web,db",
      "--parameters",
      'commands=["echo ready on $AWS_SSM_INSTANCE_ID","echo second line"]',
      "--comment",
      "cli e2e",
      "--wait",
    );
    assert.equal(run.code, 0, run.stderr);
    waitedId = commandIdOf(run);
    assert.match(run.stderr, /\] 3\/3 done · 0 failed · 0 pending/);
    assert.match(run.stderr, / Success\n$/);
    const lines = run.stdout.trimEnd().split("\n");
    assert.match(lines[0] ?? "", /^INSTANCE\s+NAME\s+STATUS\s+CODE\s+OUTPUT$/);
    const rows = tableRows(run.stdout);
    assert.equal(rows.length, 3);
    for (const agent of [web1, web2, db]) {
      const row = rows.find((r) => r[0] === agent.instanceId);
      assert.ok(row, `${agent.instanceId} missing from\n${run.stdout}`);
      assert.deepEqual(row.slice(-3), ["Success", "0", `ready on ${agent.instanceId}`]);
    }
  });

  test("a failing command exits 1 and shows the failure per node; a tag with spaces targets one node", async () => {
    const run = await fleetrun(
      "send-command",
      "--document-name",
      "AWS-RunShellScript",
      "--targets",
      "Key=tag:Operating System,Values=Linux Server",
      "--parameters",
      "commands=echo disk full >&2; exit 3",
      "--wait",
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /0\/1 done · 1 failed · 0 pending/);
    assert.deepEqual(
      tableRows(run.stdout).map((r) => [r[0], ...r.slice(-3)]),
      [[db.instanceId, "Failed", "3", "disk full"]],
    );
  });

  test("without --wait it prints the Command as aws ssm send-command does", async () => {
    const run = await fleetrun(
      "send-command",
      "--document-name",
      "AWS-RunShellScript",
      "--instance-ids",
      web1.instanceId,
      web2.instanceId,
      "--parameters",
      '{"commands":["uname -s"]}',
    );
    assert.equal(run.code, 0, run.stderr);
    assert.ok(commandIdOf(run));
    const command = (
      JSON.parse(run.stdout) as { Command: { InstanceIds: string[]; DocumentName: string; Parameters: unknown } }
    ).Command;
    assert.equal(command.DocumentName, "AWS-RunShellScript");
    assert.deepEqual(command.InstanceIds, [web1.instanceId, web2.instanceId]);
    assert.deepEqual(command.Parameters, { commands: ["uname -s"] });
  });

  test("bad shorthand exits 252 with a pointed message; a service error exits 254 as aws reports it", async () => {
    const bad = await fleetrun("send-command", "--document-name", "AWS-RunShellScript", "--targets", "Key=tag:Role");
    assert.equal(bad.code, 252);
    assert.match(bad.stderr, /--targets: Key=tag:Role needs Values/);
    const refused = await fleetrun(
      "send-command",
      "--document-name",
      "No-Such-Document",
      "--instance-ids",
      db.instanceId,
    );
    assert.equal(refused.code, 254);
    assert.match(refused.stderr, /An error occurred \(InvalidDocument\) when calling the SendCommand operation: /);
  });
});

describe("fleetrun cancel", () => {
  test("cancels a long command; its --wait ends with exit 2 and Cancelled", async () => {
    const waiting = start([
      "send-command",
      "--document-name",
      "AWS-RunShellScript",
      "--instance-ids",
      web2.instanceId,
      "--parameters",
      "commands=sleep 60",
      "--wait",
    ]);
    const commandId = await waitFor("the command id", () => waiting.run.stderr.match(/^command (\S{36})$/m)?.[1]);
    await waitFor("the command to run", async () =>
      (await getCommand(fleet.ssm, commandId)).Status === "InProgress" ? true : undefined,
    );
    const cancel = await fleetrun("cancel", commandId, "--output", "json");
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.equal((JSON.parse(cancel.stdout) as { Command: { CommandId: string } }).Command.CommandId, commandId);
    const run = await waiting.done;
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, / Cancelled\n$/);
    assert.equal(tableRows(run.stdout)[0]?.[0], web2.instanceId);
    assert.match(run.stdout, /Cancelled/);
  });
});

describe("listings in every --output format", () => {
  test("list-commands", async () => {
    const json = await fleetrun("list-commands", "--output", "json");
    const commands = (
      JSON.parse(json.stdout) as { Commands: Array<{ CommandId: string; Comment: string; Status: string }> }
    ).Commands;
    const ours = commands.find((c) => c.Comment === "cli e2e");
    assert.ok(ours);
    assert.equal(ours.Status, "Success");
    const text = await fleetrun("list-commands", "--output", "text");
    assert.match(text.stdout, new RegExp(`^COMMANDS\\t.*${ours.CommandId}`, "m"));
    const table = await fleetrun("list-commands", "--filters", "key=Status,value=Success");
    assert.match(
      table.stdout,
      /^COMMAND ID\s+DOCUMENT\s+STATUS\s+TARGETS\s+COMPLETED\s+ERRORS\s+REQUESTED\s+COMMENT\n/,
    );
    const row = tableRows(table.stdout).find((r) => r[0] === ours.CommandId);
    assert.deepEqual(row?.slice(1, 6), ["AWS-RunShellScript", "Success", "3", "3", "0"]);
    assert.ok(
      tableRows(table.stdout).every((r) => r[2] === "Success"),
      table.stdout,
    );
  });

  test("invocations, with and without --details", async () => {
    const commandId = waitedId;
    const json = JSON.parse((await fleetrun("invocations", commandId, "--output", "json")).stdout) as {
      CommandInvocations: Array<{ InstanceId: string; Status: string }>;
    };
    assert.deepEqual(
      json.CommandInvocations.map((i) => i.InstanceId).sort(),
      [web1, web2, db].map((a) => a.instanceId).sort(),
    );
    const text = await fleetrun("invocations", commandId, "--output", "text");
    assert.equal(text.stdout.match(/^COMMANDINVOCATIONS\t/gm)?.length, 3, text.stdout);
    const table = await fleetrun("invocations", commandId);
    assert.equal(tableRows(table.stdout).length, 3);
    const details = await fleetrun("invocations", commandId, "--details", "--instance-id", db.instanceId);
    assert.match(details.stdout, /^INSTANCE\s+STEP\s+STATUS\s+CODE\s+STARTED\s+FINISHED\s+OUTPUT\n/);
    const step = tableRows(details.stdout)[0];
    assert.deepEqual(
      [step?.[0], step?.[2], step?.[3], step?.at(-1)],
      [db.instanceId, "Success", "0", `ready on ${db.instanceId}`],
    );
    const detailsJson = JSON.parse(
      (await fleetrun("invocations", commandId, "--details", "--output", "json")).stdout,
    ) as {
      CommandInvocations: Array<{ CommandPlugins: Array<{ Output: string }> }>;
    };
    assert.match(detailsJson.CommandInvocations[0]?.CommandPlugins[0]?.Output ?? "", /second line/);
  });

  test("nodes, with their tags, filtered by ping status and by tag", async () => {
    const json = JSON.parse((await fleetrun("nodes", "--output", "json")).stdout) as {
      InstanceInformationList: Array<{
        InstanceId: string;
        PingStatus: string;
        Tags: Array<{ Key: string; Value: string }>;
      }>;
    };
    assert.equal(json.InstanceInformationList.length, 3);
    const dbNode = json.InstanceInformationList.find((n) => n.InstanceId === db.instanceId);
    assert.deepEqual(
      dbNode?.Tags.find((t) => t.Key === "Role"),
      { Key: "Role", Value: "db" },
    );
    const online = await fleetrun("nodes", "--filters", "Key=PingStatus,Values=Online");
    assert.equal(tableRows(online.stdout).length, 3);
    assert.match(online.stdout, /^INSTANCE\s+NAME\s+PING\s+PLATFORM\s+IP\s+AGENT\s+LAST PING\s+TAGS\n/);
    const tagged = await fleetrun("nodes", "--tag", "Role=db", "--output", "table");
    assert.deepEqual(
      tableRows(tagged.stdout).map((r) => r[0]),
      [db.instanceId],
    );
    assert.match(tagged.stdout, /Role=db/);
    const text = await fleetrun("nodes", "--tag", "Role=web", "--output", "text");
    assert.equal(text.stdout.match(/^INSTANCEINFORMATIONLIST\t/gm)?.length, 2, text.stdout);
    assert.match(text.stdout, /^TAGS\tRole\tweb$/m);
  });

  test("activations create, list and delete", async () => {
    const created = JSON.parse(
      (
        await fleetrun(
          "activations",
          "create",
          "--description",
          "cli-e2e",
          "--registration-limit",
          "5",
          "--tags",
          "Key=Team,Value=ops",
          "--output",
          "json",
        )
      ).stdout,
    ) as { ActivationId: string; ActivationCode: string };
    assert.match(created.ActivationId, /^[0-9a-f-]{36}$/);
    assert.ok(created.ActivationCode.length >= 20);
    const table = await fleetrun("activations", "create", "--output", "table");
    assert.match(table.stdout, /^ACTIVATION ID\s+ACTIVATION CODE\n[0-9a-f-]{36}\s+\S{20,}\n$/);
    const text = await fleetrun("activations", "create", "--output", "text");
    assert.match(text.stdout, /^\S{20,}\t[0-9a-f-]{36}\n$/);

    const list = await fleetrun("activations", "list");
    const row = tableRows(list.stdout).find((r) => r[0] === created.ActivationId);
    assert.deepEqual([row?.[1], row?.[4], row?.at(-1)], ["cli-e2e", "0/5", "Team=ops"]);
    const listText = await fleetrun("activations", "list", "--output", "text");
    assert.match(listText.stdout, new RegExp(`^ACTIVATIONLIST\\t.*${created.ActivationId}`, "m"));
    const filtered = JSON.parse(
      (
        await fleetrun(
          "activations",
          "list",
          "--filters",
          `FilterKey=ActivationIds,FilterValues=${created.ActivationId}`,
          "--output",
          "json",
        )
      ).stdout,
    ) as { ActivationList: Array<{ ActivationId: string }> };
    assert.deepEqual(
      filtered.ActivationList.map((a) => a.ActivationId),
      [created.ActivationId],
    );

    const deleted = await fleetrun("activations", "delete", created.ActivationId);
    assert.equal(deleted.code, 0, deleted.stderr);
    const after = await fleetrun("activations", "list", "--output", "json");
    assert.equal(after.stdout.includes(created.ActivationId), false);
  });

  test("documents list", async () => {
    const json = JSON.parse((await fleetrun("documents", "list", "--output", "json")).stdout) as {
      DocumentIdentifiers: Array<{ Name: string }>;
    };
    assert.ok(json.DocumentIdentifiers.some((d) => d.Name === "AWS-RunShellScript"));
    const table = await fleetrun("documents", "list", "--output", "table");
    assert.match(table.stdout, /^NAME\s+OWNER\s+VERSION\s+TYPE\s+FORMAT\s+PLATFORMS\n/);
    assert.ok(tableRows(table.stdout).some((r) => r[0] === "AWS-RunShellScript" && r[1] === "Amazon"));
    const text = await fleetrun("documents", "list", "--output", "text");
    assert.match(text.stdout, /^DOCUMENTIDENTIFIERS\t.*AWS-RunShellScript/m);
  });
});

/** `fleetrun completion <shell>` (a local command: no endpoint). */
function completion(shell: string) {
  return spawnSync(process.execPath, [CLI, "completion", shell], { encoding: "utf8" });
}

describe("fleetrun completion", () => {
  test("the bash script is valid and covers the subcommands and their flags", () => {
    const run = completion("bash");
    assert.equal(run.status, 0, run.stderr);
    const check = spawnSync("bash", ["-n"], { input: run.stdout, encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    const offered = spawnSync(
      "bash",
      ["-c", `${run.stdout}\nCOMP_WORDS=(fleetrun send-command --t); COMP_CWORD=2; _fleetrun; echo "\${COMPREPLY[@]}"`],
      { encoding: "utf8" },
    );
    assert.equal(offered.stdout.trim(), "--targets --timeout-seconds");
    for (const name of ["list-commands", "invocations", "cancel", "nodes", "activations", "completion"])
      assert.match(run.stdout, new RegExp(`'${name}'\\)`), name);
  });

  test("the zsh script is valid (checked with zsh -n where zsh is installed)", (t) => {
    const run = completion("zsh");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^#compdef fleetrun\n/);
    assert.match(run.stdout, /\('send-command:--output'\) compadd -- 'table' 'json' 'text'/);
    const check = spawnSync("zsh", ["-n"], { input: run.stdout, encoding: "utf8" });
    if (check.error) {
      t.skip("zsh is not installed");
      return;
    }
    assert.equal(check.status, 0, check.stderr);
  });
});
