import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

/** One aws CLI run: exit code, output and the parsed JSON (when stdout is JSON). */
interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: CLI output is untyped JSON read by assertions.
  json: any;
}

const CLIS = [
  { name: "v1", bin: "aws", major: "1" },
  { name: "v2", bin: "/usr/bin/aws", major: "2" },
] as const;

const NOT_INSTALLED =
  "aws CLI v2 is missing at /usr/bin/aws: install Debian's awscli package (apt-get install awscli) to run these tests";

/** Runs the CLI against the fleet with its credentials file, JSON output and a timeout. */
function runCli(fleet: Fleet, bin: string, args: string[], timeoutMs = 60_000): Promise<CliResult> {
  if (bin.startsWith("/") && !existsSync(bin)) return Promise.reject(new Error(NOT_INSTALLED));
  const argv = args[0] === "--version" ? args : [...args, "--endpoint-url", fleet.url, "--output", "json"];
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      argv,
      { env: { ...process.env, ...fleet.cliEnv() }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`${bin} did not run (${argv.join(" ")}): ${error.message}\n${stderr}`));
          return;
        }
        let json: unknown;
        try {
          json = stdout.trim() === "" ? undefined : JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr, json });
      },
    );
  });
}

/** Runs the CLI and fails the test (showing stderr) unless it exits 0. */
async function ok(fleet: Fleet, bin: string, args: string[], timeoutMs?: number): Promise<CliResult> {
  const result = await runCli(fleet, bin, args, timeoutMs);
  assert.equal(result.code, 0, `${bin} ${args.join(" ")} exited ${result.code}:\n${result.stderr}`);
  return result;
}

/** Scripted runs of both real aws CLIs (v1 from PATH, v2 from Debian) against one fleet. */
describe("the aws CLI drives fleetrun", () => {
  let fleet: Fleet;
  let agent: AgentHandle;

  before(async () => {
    fleet = await Fleet.start();
    agent = await fleet.addAgent("cli");
  });
  after(async () => fleet?.stop());

  for (const cli of CLIS) {
    describe(`aws CLI ${cli.name} (${cli.bin})`, () => {
      const aws = (args: string[], timeoutMs?: number) => ok(fleet, cli.bin, args, timeoutMs);
      const awsAnyExit = (args: string[], timeoutMs?: number) => runCli(fleet, cli.bin, args, timeoutMs);
      const sendShell = async (commands: string, extra: string[] = ["--instance-ids", agent.instanceId]) => {
        const out = await aws([
          "ssm",
          "send-command",
          "--document-name",
          "AWS-RunShellScript",
          ...extra,
          "--parameters",
          commands,
        ]);
        const id = out.json?.Command?.CommandId;
        assert.match(id ?? "", /^[0-9a-f-]{36}$/, `send-command printed ${out.stdout}`);
        return id as string;
      };
      const getInvocation = async (commandId: string) =>
        (await aws(["ssm", "get-command-invocation", "--command-id", commandId, "--instance-id", agent.instanceId]))
          .json;
      const waitExecuted = (commandId: string) =>
        awsAnyExit(["ssm", "wait", "command-executed", "--command-id", commandId, "--instance-id", agent.instanceId]);

      test(`is aws-cli ${cli.major}.x`, async () => {
        const out = await ok(fleet, cli.bin, ["--version"]);
        assert.match(`${out.stdout}${out.stderr}`, new RegExp(`^aws-cli/${cli.major}\\.`));
      });

      test("describe-instance-information lists the agent Online", async () => {
        const out = await aws(["ssm", "describe-instance-information"]);
        const node = out.json.InstanceInformationList.find(
          (n: { InstanceId: string }) => n.InstanceId === agent.instanceId,
        );
        assert.ok(node, `agent not listed: ${out.stdout}`);
        assert.equal(node.PingStatus, "Online");
        assert.equal(node.PlatformType, "Linux");
        assert.equal(node.ResourceType, "ManagedInstance");
      });

      test("send-command, wait command-executed, get-command-invocation and the list calls", async () => {
        const commandId = await sendShell('commands=["echo hello"]');
        const waited = await waitExecuted(commandId);
        assert.equal(waited.code, 0, `wait command-executed failed:\n${waited.stderr}`);

        const inv = await getInvocation(commandId);
        assert.equal(inv.Status, "Success");
        assert.equal(inv.StandardOutputContent, "hello\n");
        assert.equal(inv.ResponseCode, 0);
        assert.equal(inv.CommandId, commandId);
        assert.equal(inv.InstanceId, agent.instanceId);
        assert.equal(inv.DocumentName, "AWS-RunShellScript");

        const listed = await aws(["ssm", "list-command-invocations", "--command-id", commandId, "--details"]);
        assert.equal(listed.json.CommandInvocations.length, 1);
        const row = listed.json.CommandInvocations[0];
        assert.equal(row.CommandId, commandId);
        assert.equal(row.InstanceId, agent.instanceId);
        assert.equal(row.Status, "Success");
        assert.equal(row.DocumentName, "AWS-RunShellScript");
        assert.equal(row.CommandPlugins.length, 1);
        assert.equal(row.CommandPlugins[0].Name, "aws:runShellScript");
        assert.equal(row.CommandPlugins[0].Status, "Success");
        assert.equal(row.CommandPlugins[0].ResponseCode, 0);
        assert.equal(row.CommandPlugins[0].Output, "hello\n");

        const commands = await aws(["ssm", "list-commands", "--command-id", commandId]);
        assert.equal(commands.json.Commands.length, 1);
        const command = commands.json.Commands[0];
        assert.equal(command.CommandId, commandId);
        assert.equal(command.DocumentName, "AWS-RunShellScript");
        assert.equal(command.Status, "Success");
        assert.deepEqual(command.InstanceIds, [agent.instanceId]);
        assert.deepEqual(command.Parameters, { commands: ["echo hello"] });
        assert.equal(command.TargetCount, 1);
        assert.equal(command.CompletedCount, 1);
        assert.equal(command.ErrorCount, 0);
      });

      test("send-command with --targets on a tag and the commands= shorthand", async () => {
        await aws([
          "ssm",
          "add-tags-to-resource",
          "--resource-type",
          "ManagedInstance",
          "--resource-id",
          agent.instanceId,
          "--tags",
          "Key=Role,Value=web",
        ]);
        const targeted = await sendShell('commands=["echo hello"]', ["--targets", "Key=tag:Role,Values=web"]);
        // As a shell passes `--parameters commands="echo hi"`: the quotes are gone by then.
        const shorthand = await sendShell("commands=echo hi");
        for (const id of [targeted, shorthand]) {
          const waited = await waitExecuted(id);
          assert.equal(waited.code, 0, `wait command-executed failed:\n${waited.stderr}`);
        }
        const byTag = await aws(["ssm", "list-commands", "--command-id", targeted]);
        assert.deepEqual(byTag.json.Commands[0].Targets, [{ Key: "tag:Role", Values: ["web"] }]);
        assert.equal(byTag.json.Commands[0].TargetCount, 1);
        assert.equal((await getInvocation(targeted)).StandardOutputContent, "hello\n");
        const hi = await getInvocation(shorthand);
        assert.equal(hi.Status, "Success");
        assert.equal(hi.StandardOutputContent, "hi\n");
      });

      test("cancel-command stops a running command and the waiter then fails", async () => {
        const commandId = await sendShell('commands=["sleep 60"]');
        await waitFor(
          "the invocation to be InProgress",
          async () => ((await getInvocation(commandId)).Status === "InProgress" ? true : undefined),
          20_000,
        );
        await aws(["ssm", "cancel-command", "--command-id", commandId]);
        const cancelled = await waitFor(
          "the invocation to be Cancelled",
          async () => {
            const inv = await getInvocation(commandId);
            return inv.Status === "Cancelled" ? inv : undefined;
          },
          10_000,
        );
        assert.equal(cancelled.Status, "Cancelled");
        const listed = await aws(["ssm", "list-commands", "--command-id", commandId]);
        assert.equal(listed.json.Commands[0].Status, "Cancelled");
        const waited = await waitExecuted(commandId);
        assert.notEqual(waited.code, 0, "wait command-executed succeeds on a cancelled command");
        assert.match(waited.stderr, /Waiter CommandExecuted failed.*terminal failure state.*"Cancelled"/);
      });

      test("a failing script makes the waiter fail and reports its exit code", async () => {
        const commandId = await sendShell('commands=["exit 2"]');
        const waited = await waitExecuted(commandId);
        assert.notEqual(waited.code, 0, "wait command-executed succeeds on a failed command");
        assert.match(waited.stderr, /Waiter CommandExecuted failed.*terminal failure state.*"Failed"/);
        const inv = await getInvocation(commandId);
        assert.equal(inv.Status, "Failed");
        assert.equal(inv.ResponseCode, 2);
      });

      test("create-activation, describe-activations and delete-activation round trip", async () => {
        const created = await aws([
          "ssm",
          "create-activation",
          "--iam-role",
          "cli-role",
          "--registration-limit",
          "3",
          "--description",
          `from ${cli.name}`,
        ]);
        const id: string = created.json.ActivationId;
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.ok(created.json.ActivationCode, "an activation code is returned");

        const described = await aws([
          "ssm",
          "describe-activations",
          "--filters",
          `FilterKey=ActivationIds,FilterValues=${id}`,
        ]);
        assert.equal(described.json.ActivationList.length, 1);
        const activation = described.json.ActivationList[0];
        assert.equal(activation.ActivationId, id);
        assert.equal(activation.IamRole, "cli-role");
        assert.equal(activation.Description, `from ${cli.name}`);
        assert.equal(activation.RegistrationLimit, 3);
        assert.equal(activation.RegistrationsCount, 0);
        assert.equal(activation.Expired, false);

        await aws(["ssm", "delete-activation", "--activation-id", id]);
        const after = await aws([
          "ssm",
          "describe-activations",
          "--filters",
          `FilterKey=ActivationIds,FilterValues=${id}`,
        ]);
        assert.deepEqual(after.json.ActivationList, []);
        const again = await awsAnyExit(["ssm", "delete-activation", "--activation-id", id]);
        assert.notEqual(again.code, 0);
        assert.match(again.stderr, /InvalidActivationId/);
      });
    });
  }
});
