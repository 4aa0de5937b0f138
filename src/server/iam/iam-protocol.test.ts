import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { pino } from "pino";
import { readCredentials } from "../../cli/credentials-file.ts";
import { type RunningServer, startServer } from "../server.ts";

type Creds = { accessKeyId: string; secretAccessKey: string };
/** An SDK service error: IAM's error code and the HTTP status. */
type SdkError = Error & { Code?: string; $metadata?: { httpStatusCode?: number } };

describe("IAM Query protocol over a real server", () => {
  let dir = "";
  let server: RunningServer;
  let admin: IAMClient;
  const clients: IAMClient[] = [];
  const client = (credentials: Creds) => {
    const c = new IAMClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-iam-"));
    server = await startServer({ dataDir: dir, listen: "127.0.0.1:0" }, pino({ level: "silent" }));
    admin = client(await readCredentials(server.adminCredentialsPath));
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("bootstraps admin as an ordinary user with AdministratorAccess and a 0600 credentials file", async () => {
    assert.equal((await stat(server.adminCredentialsPath)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, "master.key"))).mode & 0o777, 0o600);
    const users = await admin.send(new ListUsersCommand({}));
    assert.deepEqual(
      users.Users?.map((u) => [u.UserName, u.Arn]),
      [["admin", "arn:aws:iam::000000000000:user/admin"]],
    );
    const attached = await admin.send(new ListAttachedUserPoliciesCommand({ UserName: "admin" }));
    assert.deepEqual(attached.AttachedPolicies, [
      { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ]);
    const me = await admin.send(new GetUserCommand({}));
    assert.equal(me.User?.UserName, "admin");
  });

  it("creates a user with tags, round-trips a URL-encoded policy document and answers errors in IAM's shape", async () => {
    const created = await admin.send(
      new CreateUserCommand({ UserName: "carol", Path: "/ops/", Tags: [{ Key: "team", Value: "a b" }] }),
    );
    assert.equal(created.User?.Arn, "arn:aws:iam::000000000000:user/ops/carol");
    assert.match(created.User?.UserId ?? "", /^AIDA[A-Z2-7]{17}$/);
    assert.ok(created.User?.CreateDate instanceof Date);
    assert.deepEqual((await admin.send(new GetUserCommand({ UserName: "carol" }))).User?.Tags, [
      { Key: "team", Value: "a b" },
    ]);
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: "*" }],
    });
    await admin.send(new PutUserPolicyCommand({ UserName: "carol", PolicyName: "p=q+1", PolicyDocument: doc }));
    const got = await admin.send(new GetUserPolicyCommand({ UserName: "carol", PolicyName: "p=q+1" }));
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), doc);

    const failures: Array<[() => Promise<unknown>, string, number]> = [
      [() => admin.send(new CreateUserCommand({ UserName: "carol" })), "EntityAlreadyExists", 409],
      [() => admin.send(new GetUserCommand({ UserName: "nobody" })), "NoSuchEntity", 404],
      [() => admin.send(new DeleteUserCommand({ UserName: "carol" })), "DeleteConflict", 409],
      [() => admin.send(new CreateUserCommand({ UserName: "no spaces" })), "ValidationError", 400],
      [
        () => admin.send(new PutUserPolicyCommand({ UserName: "carol", PolicyName: "x", PolicyDocument: "{" })),
        "MalformedPolicyDocument",
        400,
      ],
    ];
    for (const [call, code, status] of failures) {
      await assert.rejects(call, (e: SdkError) => {
        assert.equal(e.Code, code);
        assert.equal(e.$metadata?.httpStatusCode, status);
        return true;
      });
    }
  });

  it("authorizes every call: a user allowed iam:Get* only is denied CreateUser with AWS's message", async () => {
    await admin.send(new CreateUserCommand({ UserName: "dave" }));
    const doc = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: "*" }] });
    await admin.send(new PutUserPolicyCommand({ UserName: "dave", PolicyName: "read", PolicyDocument: doc }));
    const key = await admin.send(new CreateAccessKeyCommand({ UserName: "dave" }));
    const dave = client({
      accessKeyId: key.AccessKey?.AccessKeyId ?? "",
      secretAccessKey: key.AccessKey?.SecretAccessKey ?? "",
    });
    assert.equal((await dave.send(new GetUserCommand({}))).User?.UserName, "dave");
    await assert.rejects(dave.send(new CreateUserCommand({ UserName: "mallory" })), (e: SdkError) => {
      assert.equal(e.Code, "AccessDenied");
      assert.equal(e.$metadata?.httpStatusCode, 403);
      assert.equal(
        e.message,
        "User: arn:aws:iam::000000000000:user/dave is not authorized to perform: iam:CreateUser on resource: " +
          "arn:aws:iam::000000000000:user/mallory because no identity-based policy allows the iam:CreateUser action",
      );
      return true;
    });
    await assert.rejects(
      dave.send(
        new AttachUserPolicyCommand({ UserName: "dave", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
      ),
      { Code: "AccessDenied" },
    );
  });

  it("rejects an unknown key as InvalidClientTokenId and lists the AWS managed policies", async () => {
    const stranger = client({ accessKeyId: "AKFRNOSUCHKEY0000000", secretAccessKey: "x".repeat(40) });
    await assert.rejects(stranger.send(new ListUsersCommand({})), (e: SdkError) => {
      assert.equal(e.Code, "InvalidClientTokenId");
      assert.equal(e.$metadata?.httpStatusCode, 403);
      return true;
    });
    const aws = await admin.send(new ListPoliciesCommand({ Scope: "AWS" }));
    assert.ok(aws.Policies?.some((p) => p.PolicyName === "AdministratorAccess" && (p.AttachmentCount ?? 0) >= 1));
    const paged = await admin.send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 2 }));
    assert.equal(paged.Policies?.length, 2);
    assert.equal(paged.IsTruncated, true);
    const rest = await admin.send(new ListPoliciesCommand({ Scope: "AWS", Marker: paged.Marker }));
    assert.equal((rest.Policies?.length ?? 0) + 2, aws.Policies?.length);
    assert.match(await readFile(server.adminCredentialsPath, "utf8"), /\[default\]/);
  });
});
