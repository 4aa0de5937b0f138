import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateUserCommand, GetUserCommand, IAMClient, ListGroupsCommand } from "@aws-sdk/client-iam";
import { DescribeInstanceInformationCommand, SSMClient } from "@aws-sdk/client-ssm";
import { Fleet } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

/** The three clients every scenario runs with: both aws CLIs and `fleetrun iam`. */
const TOOLS = ["aws v1", "aws v2", "fleetrun"] as const;
type Tool = (typeof TOOLS)[number];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: CLI output is untyped JSON read by assertions.
  json: any;
}

type Creds = { accessKeyId: string; secretAccessKey: string };
/** An SDK service error: IAM's (or SSM's) error code and the HTTP status. */
type SdkError = Error & { Code?: string; $metadata?: { httpStatusCode?: number } };

describe("IAM through aws iam (v1 and v2), fleetrun iam and @aws-sdk/client-iam", () => {
  let fleet: Fleet;
  const clients: Array<{ destroy(): void }> = [];

  before(async () => {
    fleet = await Fleet.start();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await fleet?.stop();
  });

  /** `<tool> iam <args>` against the fleet as the bootstrap admin. */
  function iam(tool: Tool, args: string[]): Promise<Run> {
    const [bin, argv] =
      tool === "fleetrun"
        ? [process.execPath, [CLI, "iam", ...args, "--endpoint-url", fleet.url]]
        : [
            tool === "aws v1" ? "aws" : "/usr/bin/aws",
            ["--endpoint-url", fleet.url, "--output", "json", "iam", ...args],
          ];
    return new Promise((done, fail) => {
      execFile(bin, argv, { env: { ...process.env, ...fleet.cliEnv() }, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return fail(new Error(`${tool} did not run: ${error.message}`));
        let json: unknown;
        try {
          json = stdout.trim() === "" ? undefined : JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        done({ code: error ? Number(error.code) : 0, stdout, stderr, json });
      });
    });
  }

  async function ok(tool: Tool, args: string[]): Promise<Run> {
    const run = await iam(tool, args);
    assert.equal(run.code, 0, `${tool} iam ${args.join(" ")} exited ${run.code}:\n${run.stderr}`);
    return run;
  }

  /** Expects the call to fail with `code` as the aws CLI reports it. */
  async function fails(tool: Tool, args: string[], code: string): Promise<void> {
    const run = await iam(tool, args);
    assert.notEqual(run.code, 0, `${tool} iam ${args.join(" ")} succeeded`);
    assert.match(run.stderr, new RegExp(`An error occurred \\(${code}\\)`), run.stderr);
  }

  const iamClient = (credentials: Creds) => {
    const c = new IAMClient({ endpoint: fleet.url, region: "us-east-1", credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  const ssmClient = (credentials: Creds) => {
    const c = new SSMClient({ endpoint: fleet.url, region: "us-east-1", credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  const rejectsWith = async (call: Promise<unknown>, code: string, status: number) =>
    assert.rejects(call, (e: SdkError) => {
      assert.equal(e.Code ?? e.name, code);
      assert.equal(e.$metadata?.httpStatusCode, status);
      return true;
    });
  const policyFile = async (name: string, statements: object[]): Promise<string> => {
    const path = join(fleet.dir, `${name}.json`);
    await writeFile(path, JSON.stringify({ Version: "2012-10-17", Statement: statements }));
    return `file://${path}`;
  };
  const keyOf = (run: Run): Creds => ({
    accessKeyId: run.json.AccessKey.AccessKeyId,
    secretAccessKey: run.json.AccessKey.SecretAccessKey,
  });

  test("the bootstrap admin is an ordinary user with AdministratorAccess attached", async () => {
    for (const tool of TOOLS) {
      const users = await ok(tool, ["list-users"]);
      assert.deepEqual(
        users.json.Users.map((u: { UserName: string }) => u.UserName),
        ["admin"],
      );
      const attached = await ok(tool, ["list-attached-user-policies", "--user-name", "admin"]);
      assert.deepEqual(attached.json.AttachedPolicies, [
        { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
      ]);
    }
  });

  for (const tool of TOOLS) {
    test(`${tool}: a user's key works only as far as its policy allows, and stops when deactivated or deleted`, async () => {
      const user = `op-${tool.replace(/\W/g, "")}`;
      const created = await ok(tool, ["create-user", "--user-name", user]);
      assert.equal(created.json.User.Arn, `arn:aws:iam::000000000000:user/${user}`);
      const doc = await policyFile(user, [
        { Effect: "Allow", Action: ["iam:GetUser", "iam:ListAccessKeys"], Resource: created.json.User.Arn },
        { Effect: "Allow", Action: "ssm:DescribeInstanceInformation", Resource: "*" },
      ]);
      await ok(tool, ["put-user-policy", "--user-name", user, "--policy-name", "self", "--policy-document", doc]);
      const got = await ok(tool, ["get-user-policy", "--user-name", user, "--policy-name", "self"]);
      assert.equal(got.json.PolicyDocument.Statement[1].Action, "ssm:DescribeInstanceInformation");
      assert.deepEqual((await ok(tool, ["list-user-policies", "--user-name", user])).json.PolicyNames, ["self"]);

      const first = keyOf(await ok(tool, ["create-access-key", "--user-name", user]));
      const asUser = iamClient(first);
      assert.equal((await asUser.send(new GetUserCommand({}))).User?.UserName, user);
      await ssmClient(first).send(new DescribeInstanceInformationCommand({}));
      await rejectsWith(asUser.send(new CreateUserCommand({ UserName: `${user}-x` })), "AccessDenied", 403);

      await ok(tool, [
        "update-access-key",
        "--user-name",
        user,
        "--access-key-id",
        first.accessKeyId,
        "--status",
        "Inactive",
      ]);
      const listed = await ok(tool, ["list-access-keys", "--user-name", user]);
      assert.equal(listed.json.AccessKeyMetadata[0].Status, "Inactive");
      await rejectsWith(asUser.send(new GetUserCommand({})), "InvalidClientTokenId", 403);
      await rejectsWith(
        ssmClient(first).send(new DescribeInstanceInformationCommand({})),
        "UnrecognizedClientException",
        400,
      );

      const second = keyOf(await ok(tool, ["create-access-key", "--user-name", user]));
      await fails(tool, ["create-access-key", "--user-name", user], "LimitExceeded");
      assert.equal((await iamClient(second).send(new GetUserCommand({}))).User?.UserName, user);
      await ok(tool, ["delete-access-key", "--user-name", user, "--access-key-id", first.accessKeyId]);
      const keys = (await ok(tool, ["list-access-keys", "--user-name", user])).json.AccessKeyMetadata;
      assert.deepEqual(
        keys.map((k: { AccessKeyId: string }) => k.AccessKeyId),
        [second.accessKeyId],
      );

      await fails(tool, ["delete-user", "--user-name", user], "DeleteConflict");
      await ok(tool, ["delete-access-key", "--user-name", user, "--access-key-id", second.accessKeyId]);
      await rejectsWith(iamClient(second).send(new GetUserCommand({})), "InvalidClientTokenId", 403);
      await ok(tool, ["delete-user-policy", "--user-name", user, "--policy-name", "self"]);
      await ok(tool, ["delete-user", "--user-name", user]);
      await fails(tool, ["get-user", "--user-name", user], "NoSuchEntity");
    });
  }

  test("groups: a group's inline policy reaches its members, and only while they are members", async () => {
    await ok("aws v2", ["create-user", "--user-name", "grace"]);
    const key = keyOf(await ok("fleetrun", ["create-access-key", "--user-name", "grace"]));
    const grace = iamClient(key);
    await rejectsWith(grace.send(new ListGroupsCommand({})), "AccessDenied", 403);

    await ok("fleetrun", ["create-group", "--group-name", "auditors"]);
    await ok("aws v1", ["add-user-to-group", "--group-name", "auditors", "--user-name", "grace"]);
    const doc = await policyFile("auditors", [{ Effect: "Allow", Action: "iam:List*", Resource: "*" }]);
    await ok("aws v2", [
      "put-group-policy",
      "--group-name",
      "auditors",
      "--policy-name",
      "list",
      "--policy-document",
      doc,
    ]);
    assert.deepEqual((await ok("fleetrun", ["list-group-policies", "--group-name", "auditors"])).json.PolicyNames, [
      "list",
    ]);
    assert.equal(
      (await ok("aws v1", ["get-group-policy", "--group-name", "auditors", "--policy-name", "list"])).json
        .PolicyDocument.Statement[0].Action,
      "iam:List*",
    );

    const groups = await grace.send(new ListGroupsCommand({}));
    assert.deepEqual(
      groups.Groups?.map((g) => g.GroupName),
      ["auditors"],
    );
    const members = await ok("aws v2", ["get-group", "--group-name", "auditors"]);
    assert.deepEqual(
      members.json.Users.map((u: { UserName: string }) => u.UserName),
      ["grace"],
    );
    assert.deepEqual(
      (await ok("fleetrun", ["list-groups-for-user", "--user-name", "grace"])).json.Groups.map(
        (g: { GroupName: string }) => g.GroupName,
      ),
      ["auditors"],
    );
    await fails("aws v1", ["delete-group", "--group-name", "auditors"], "DeleteConflict");

    await ok("fleetrun", ["remove-user-from-group", "--group-name", "auditors", "--user-name", "grace"]);
    await rejectsWith(grace.send(new ListGroupsCommand({})), "AccessDenied", 403);
    await ok("aws v1", ["delete-group-policy", "--group-name", "auditors", "--policy-name", "list"]);
    await ok("aws v2", ["delete-group", "--group-name", "auditors"]);
    assert.deepEqual((await ok("fleetrun", ["list-groups"])).json.Groups, []);
  });

  test("managed policies: attach and detach AdministratorAccess, and a customer policy on a group", async () => {
    await ok("aws v1", ["create-user", "--user-name", "ada"]);
    const ada = iamClient(keyOf(await ok("aws v1", ["create-access-key", "--user-name", "ada"])));
    await rejectsWith(ada.send(new CreateUserCommand({ UserName: "ada-made" })), "AccessDenied", 403);
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    await ok("fleetrun", ["attach-user-policy", "--user-name", "ada", "--policy-arn", admin]);
    await ada.send(new CreateUserCommand({ UserName: "ada-made" }));
    assert.equal((await ok("aws v2", ["get-policy", "--policy-arn", admin])).json.Policy.AttachmentCount, 2);
    await ok("aws v2", ["detach-user-policy", "--user-name", "ada", "--policy-arn", admin]);
    await rejectsWith(ada.send(new CreateUserCommand({ UserName: "ada-again" })), "AccessDenied", 403);
    await fails("fleetrun", ["detach-user-policy", "--user-name", "ada", "--policy-arn", admin], "NoSuchEntity");

    const doc = await policyFile("creators", [{ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" }]);
    const policy = await ok("aws v1", ["create-policy", "--policy-name", "Creators", "--policy-document", doc]);
    const arn = policy.json.Policy.Arn;
    assert.equal(arn, "arn:aws:iam::000000000000:policy/Creators");
    const version = await ok("fleetrun", ["get-policy-version", "--policy-arn", arn, "--version-id", "v1"]);
    assert.equal(version.json.PolicyVersion.Document.Statement[0].Action, "iam:CreateUser");
    assert.equal(version.json.PolicyVersion.IsDefaultVersion, true);
    await ok("aws v2", ["create-group", "--group-name", "creators"]);
    await ok("aws v2", ["attach-group-policy", "--group-name", "creators", "--policy-arn", arn]);
    await ok("aws v2", ["add-user-to-group", "--group-name", "creators", "--user-name", "ada"]);
    await ada.send(new CreateUserCommand({ UserName: "ada-via-group" }));
    const local = await ok("fleetrun", ["list-policies", "--scope", "Local", "--only-attached"]);
    assert.deepEqual(
      local.json.Policies.map((p: { PolicyName: string; AttachmentCount: number }) => [
        p.PolicyName,
        p.AttachmentCount,
      ]),
      [["Creators", 1]],
    );
    assert.deepEqual(
      (await ok("aws v1", ["list-attached-group-policies", "--group-name", "creators"])).json.AttachedPolicies,
      [{ PolicyName: "Creators", PolicyArn: arn }],
    );
    await fails("aws v2", ["delete-policy", "--policy-arn", arn], "DeleteConflict");
    await ok("aws v1", ["detach-group-policy", "--group-name", "creators", "--policy-arn", arn]);
    await ok("aws v1", ["delete-policy", "--policy-arn", arn]);
    await fails("fleetrun", ["get-policy", "--policy-arn", arn], "NoSuchEntity");
    await fails(
      "aws v1",
      ["put-user-policy", "--user-name", "ada", "--policy-name", "bad", "--policy-document", "{"],
      "MalformedPolicyDocument",
    );
  });
});
