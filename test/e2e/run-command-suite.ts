import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AddTagsToResourceCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  SendCommandCommand,
} from "@aws-sdk/client-ssm";
import { getCommand, invocation, invocations, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet } from "../support/fleet.ts";

/**
 * Run Command end to end: three real agents and the real SDK against a real server on the store
 * `storeUrl` gives (undefined: the embedded SQLite default). Run by run-command.test.ts (SQLite)
 * and run-command-postgres.test.ts (a throwaway PostgreSQL server).
 */
export function runCommandSuite(engine: string, storeUrl: () => Promise<string | undefined>): void {
  describe(`run command on a fleet of real agents (${engine})`, () => {
    let fleet: Fleet;
    let a: AgentHandle;
    let b: AgentHandle;
    let c: AgentHandle;

    before(async () => {
      const store = await storeUrl();
      fleet = await Fleet.start(store ? { store } : {});
      const activation = await fleet.createActivation(3, [{ Key: "Env", Value: "test" }]);
      [a, b, c] = await Promise.all([
        fleet.addAgent("a", activation),
        fleet.addAgent("b", activation),
        fleet.addAgent("c", activation),
      ]);
      await fleet.ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: "ManagedInstance",
          ResourceId: a.instanceId,
          Tags: [
            { Key: "Role", Value: "web" },
            { Key: "Tier", Value: "1" },
          ],
        }),
      );
      await fleet.ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: "ManagedInstance",
          ResourceId: b.instanceId,
          Tags: [
            { Key: "Role", Value: "db" },
            { Key: "Tier", Value: "1" },
          ],
        }),
      );
      await fleet.ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: "ManagedInstance",
          ResourceId: c.instanceId,
          Tags: [{ Key: "Role", Value: "web" }],
        }),
      );
    });
    after(async () => fleet?.stop());

    test("runs a shell script on each node with the SSM environment and returns its output", async () => {
      const ids = [a.instanceId, b.instanceId, c.instanceId];
      const commandId = await send(fleet.ssm, {
        InstanceIds: ids,
        commands: ['echo "$SSM_COMMAND_ID on $AWS_SSM_INSTANCE_ID"', "echo oops >&2"],
      });
      const command = await waitCommand(fleet.ssm, commandId);
      assert.equal(command.Status, "Success");
      assert.equal(command.TargetCount, 3);
      assert.equal(command.CompletedCount, 3);
      assert.equal(command.ErrorCount, 0);
      for (const id of ids) {
        const inv = await invocation(fleet.ssm, commandId, id);
        assert.equal(inv.Status, "Success");
        assert.equal(inv.ResponseCode, 0);
        assert.equal(inv.StandardOutputContent, `${commandId} on ${id}\n`);
        assert.equal(inv.StandardErrorContent, "oops\n");
        assert.equal(inv.PluginName, "aws:runShellScript");
        assert.match(inv.ExecutionElapsedTime ?? "", /^PT[0-9.]+S$/);
      }
    });

    test("tag targets: OR within values, AND across keys, tag-key, and NoInstancesInTag", async () => {
      const targets = async (Targets: Array<{ Key: string; Values: string[] }>) => {
        const id = await send(fleet.ssm, { Targets, commands: ["true"] });
        const command = await waitCommand(fleet.ssm, id);
        return { command, nodes: [...(await invocations(fleet.ssm, id)).keys()].sort() };
      };
      const web = await targets([{ Key: "tag:Role", Values: ["web"] }]);
      assert.deepEqual(web.nodes, [a.instanceId, c.instanceId].sort());
      const webOrDb = await targets([{ Key: "tag:Role", Values: ["web", "db"] }]);
      assert.deepEqual(webOrDb.nodes, [a.instanceId, b.instanceId, c.instanceId].sort());
      const webAndTier1 = await targets([
        { Key: "tag:Role", Values: ["web"] },
        { Key: "tag:Tier", Values: ["1"] },
      ]);
      assert.deepEqual(webAndTier1.nodes, [a.instanceId]);
      const hasTier = await targets([{ Key: "tag-key", Values: ["Tier"] }]);
      assert.deepEqual(hasTier.nodes, [a.instanceId, b.instanceId].sort());
      const fromActivation = await targets([{ Key: "tag:Env", Values: ["test"] }]);
      assert.equal(fromActivation.nodes.length, 3, "activation tags are copied onto its nodes");
      const none = await targets([{ Key: "tag:Role", Values: ["nothing"] }]);
      assert.equal(none.command.Status, "Failed");
      assert.equal(none.command.StatusDetails, "NoInstancesInTag");
      assert.equal(none.command.TargetCount, 0);
    });

    test("tags can be listed and removed", async () => {
      await fleet.ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: "ManagedInstance",
          ResourceId: c.instanceId,
          Tags: [{ Key: "Tmp", Value: "x" }],
        }),
      );
      await fleet.ssm.send(
        new RemoveTagsFromResourceCommand({
          ResourceType: "ManagedInstance",
          ResourceId: c.instanceId,
          TagKeys: ["Tmp"],
        }),
      );
      const out = await fleet.ssm.send(
        new ListTagsForResourceCommand({ ResourceType: "ManagedInstance", ResourceId: c.instanceId }),
      );
      assert.deepEqual(out.TagList, [
        { Key: "Env", Value: "test" },
        { Key: "Role", Value: "web" },
      ]);
    });

    test("unknown and duplicate instance ids are refused", async () => {
      await assert.rejects(send(fleet.ssm, { InstanceIds: ["mi-0123456789abcdef0"], commands: ["true"] }), {
        name: "InvalidInstanceId",
      });
      await assert.rejects(send(fleet.ssm, { InstanceIds: [a.instanceId, a.instanceId], commands: ["true"] }), {
        name: "DuplicateInstanceId",
      });
      await assert.rejects(
        send(fleet.ssm, { InstanceIds: Array.from({ length: 51 }, () => a.instanceId), commands: ["true"] }),
        {
          name: "ValidationException",
          message: /instanceIds.*length less than or equal to 50/,
        },
      );
    });

    test("document parameters are checked: required, unknown and allowedPattern", async () => {
      await assert.rejects(send(fleet.ssm, { InstanceIds: [a.instanceId] }), {
        name: "InvalidParameters",
        message: /commands/,
      });
      await assert.rejects(
        send(fleet.ssm, { InstanceIds: [a.instanceId], Parameters: { commands: ["true"], bogus: ["1"] } }),
        {
          name: "InvalidParameters",
          message: /bogus/,
        },
      );
      await assert.rejects(
        send(fleet.ssm, { InstanceIds: [a.instanceId], Parameters: { commands: ["true"], executionTimeout: ["abc"] } }),
        { name: "InvalidParameters", message: /executionTimeout/ },
      );
      await assert.rejects(send(fleet.ssm, { DocumentName: "No-Such-Doc", InstanceIds: [a.instanceId] }), {
        name: "InvalidDocument",
      });
    });

    test("working directory, exit codes and the failure roll-up", async () => {
      const wd = await send(fleet.ssm, {
        InstanceIds: [a.instanceId],
        Parameters: { commands: ["pwd"], workingDirectory: ["/tmp"] },
      });
      await waitCommand(fleet.ssm, wd);
      assert.equal((await invocation(fleet.ssm, wd, a.instanceId)).StandardOutputContent, "/tmp\n");

      const failing = await send(fleet.ssm, { InstanceIds: [a.instanceId], commands: ["echo before", "exit 3"] });
      const failed = await waitCommand(fleet.ssm, failing);
      assert.equal(failed.Status, "Failed");
      assert.equal(failed.ErrorCount, 1);
      const inv = await invocation(fleet.ssm, failing, a.instanceId);
      assert.equal(inv.Status, "Failed");
      assert.equal(inv.ResponseCode, 3);

      const skip = await send(fleet.ssm, { InstanceIds: [a.instanceId], commands: ["exit 168"] });
      assert.equal((await waitCommand(fleet.ssm, skip)).Status, "Success");
      const fail169 = await send(fleet.ssm, { InstanceIds: [a.instanceId], commands: ["exit 169"] });
      assert.equal((await waitCommand(fleet.ssm, fail169)).Status, "Failed");
    });

    test("output is cut at 24,000 / 8,000 characters in GetCommandInvocation and 2,500 in Details", async () => {
      const id = await send(fleet.ssm, {
        InstanceIds: [b.instanceId],
        commands: ["head -c 100000 /dev/zero | tr '\\0' o", "head -c 20000 /dev/zero | tr '\\0' e >&2"],
      });
      await waitCommand(fleet.ssm, id);
      const inv = await fleet.ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: b.instanceId }));
      assert.equal(inv.StandardOutputContent?.length, 24_000);
      assert.equal(inv.StandardErrorContent?.length, 8_000);
      const listed = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: id, Details: true }));
      const output = listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.Output ?? "";
      assert.ok(output.length <= 2_500 && output.length > 2_000, `plugin output is ${output.length} chars`);
      assert.match(output, /^o+\n---Output truncated---\n----------ERROR-------\ne+\n---Error truncated----$/);
    });

    test("several invocations run at once on one node", async () => {
      const ids = await Promise.all(
        [1, 2, 3].map(() =>
          send(fleet.ssm, { InstanceIds: [c.instanceId], commands: ["date +%s%N", "sleep 1", "date +%s%N"] }),
        ),
      );
      for (const id of ids) await waitCommand(fleet.ssm, id);
      const spans = await Promise.all(
        ids.map(async (id) => {
          const [start, end] =
            (await invocation(fleet.ssm, id, c.instanceId)).StandardOutputContent?.trim().split("\n").map(Number) ?? [];
          return { start: start ?? 0, end: end ?? 0 };
        }),
      );
      const overlapping = spans.some((s, i) => spans.some((t, j) => i !== j && s.start < t.end && t.start < s.end));
      assert.ok(overlapping, "invocations on one node overlap in time");
    });

    test("ListCommands pages with NextToken and answers newest first", async () => {
      const first = await fleet.ssm.send(
        new SendCommandCommand({
          DocumentName: "AWS-RunShellScript",
          InstanceIds: [a.instanceId],
          Parameters: { commands: ["true"] },
          Comment: "page-1",
        }),
      );
      await new Promise((r) => setTimeout(r, 10)); // distinct RequestedDateTime
      const second = await fleet.ssm.send(
        new SendCommandCommand({
          DocumentName: "AWS-RunShellScript",
          InstanceIds: [a.instanceId],
          Parameters: { commands: ["true"] },
          Comment: "page-2",
        }),
      );
      const { ListCommandsCommand } = await import("@aws-sdk/client-ssm");
      const page1 = await fleet.ssm.send(new ListCommandsCommand({ MaxResults: 1 }));
      assert.equal(page1.Commands?.[0]?.CommandId, second.Command?.CommandId);
      assert.ok(page1.NextToken);
      const page2 = await fleet.ssm.send(new ListCommandsCommand({ MaxResults: 1, NextToken: page1.NextToken }));
      assert.equal(page2.Commands?.[0]?.CommandId, first.Command?.CommandId);
      await assert.rejects(fleet.ssm.send(new ListCommandsCommand({ NextToken: "garbage" })), {
        name: "InvalidNextToken",
      });
      assert.equal((await getCommand(fleet.ssm, first.Command?.CommandId ?? "")).Comment, "page-1");
    });
  });
}
