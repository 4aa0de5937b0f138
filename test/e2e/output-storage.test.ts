import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Sha256 } from "@aws-crypto/sha256-js";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateDocumentCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  SendCommandCommand,
} from "@aws-sdk/client-ssm";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import S3rver from "s3rver";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const BUCKET = "fleet-out";
const TWO_STEPS = `schemaVersion: "2.2"
description: two steps
mainSteps:
  - action: aws:runShellScript
    name: first
    inputs:
      runCommand: ["echo one", "echo one-err >&2"]
  - action: aws:runShellScript
    name: second
    inputs:
      runCommand: ["echo two"]
`;

type Credentials = { accessKeyId: string; secretAccessKey: string };

/** A SigV4-signed GET (service ssm), as `fleetrun output` and any AWS SDK signer make it. */
async function signedGet(url: string, credentials: Credentials): Promise<{ status: number; body: Buffer }> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: "ssm", region: "us-east-1", credentials, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: "GET",
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { host: target.host },
    }),
  );
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(url, { headers });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => ({ size: -1 }))).size;
}

describe("full output storage: data dir by default, S3 when a command names a bucket", () => {
  let s3dir = "";
  let s3server: S3rver;
  let s3endpoint = "";
  let s3: S3Client;
  let fleet: Fleet;
  let agent: AgentHandle;
  const stored = (key: string) => join(fleet.dataDir, "outputs", key);
  const stepKey = (commandId: string, step = "0.awsrunShellScript", action = "awsrunShellScript") =>
    `${commandId}/${agent.instanceId}/${action}/${step}`;
  const nodeStepFile = (commandId: string, stream = "stdout") =>
    join(agent.stateDir, "orchestration", commandId, "0.aws-runShellScript", stream);

  before(async () => {
    s3dir = await mkdtemp(join(tmpdir(), "fleetrun-s3rver-"));
    s3server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      directory: s3dir,
      silent: true,
      configureBuckets: [{ name: BUCKET }],
    });
    s3endpoint = `http://127.0.0.1:${(await s3server.run()).port}`;
    // s3rver's own keys; the server reads them like any FLEETRUN_S3_* deployment.
    process.env.FLEETRUN_S3_ACCESS_KEY_ID = "S3RVER";
    process.env.FLEETRUN_S3_SECRET_ACCESS_KEY = "S3RVER";
    fleet = await Fleet.start({ serverArgs: ["--s3-endpoint", s3endpoint, "--s3-force-path-style"] });
    agent = await fleet.addAgent("out");
    s3 = new S3Client({
      endpoint: s3endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });
  after(async () => {
    s3?.destroy();
    await fleet?.stop();
    await s3server?.close();
    await rm(s3dir, { recursive: true, force: true });
  });

  test("AWS-RunShellScript output lands at <commandId>/<instanceId>/awsrunShellScript/0.awsrunShellScript/stdout|stderr", async () => {
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo hello", "echo oops >&2"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    const key = stepKey(id);
    await waitFor("both streams stored", async () =>
      (await readFile(stored(`${key}/stderr`), "utf8").catch(() => "")) === "oops\n" ? true : undefined,
    );
    assert.equal(await readFile(stored(`${key}/stdout`), "utf8"), "hello\n");

    const inv = await invocation(fleet.ssm, id, agent.instanceId);
    assert.equal(inv.StandardOutputUrl, `${fleet.url}/output/${key}/stdout`);
    assert.equal(inv.StandardErrorUrl, `${fleet.url}/output/${key}/stderr`);
    const listed = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: id, Details: true }));
    const row = listed.CommandInvocations?.[0];
    assert.equal(row?.StandardOutputUrl, inv.StandardOutputUrl);
    assert.equal(row?.CommandPlugins?.[0]?.StandardOutputUrl, inv.StandardOutputUrl);
    assert.equal(row?.CommandPlugins?.[0]?.StandardErrorUrl, inv.StandardErrorUrl);

    const download = await signedGet(inv.StandardOutputUrl ?? "", fleet.credentials);
    assert.equal(download.status, 200);
    assert.equal(download.body.toString(), "hello\n");
  });

  test("a two-step schema 2.2 document stores each step under its name and the command's prefix", async () => {
    await fleet.ssm.send(new CreateDocumentCommand({ Name: "Two-Steps", Content: TWO_STEPS, DocumentFormat: "YAML" }));
    const out = await fleet.ssm.send(
      new SendCommandCommand({
        DocumentName: "Two-Steps",
        InstanceIds: [agent.instanceId],
        OutputS3KeyPrefix: "team/web",
      }),
    );
    const id = out.Command?.CommandId ?? "";
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    const base = `team/web/${id}/${agent.instanceId}/awsrunShellScript`;
    await waitFor("the second step stored", async () =>
      (await readFile(stored(`${base}/second/stdout`), "utf8").catch(() => "")) === "two\n" ? true : undefined,
    );
    assert.equal(await readFile(stored(`${base}/first/stdout`), "utf8"), "one\n");
    assert.equal(await readFile(stored(`${base}/first/stderr`), "utf8"), "one-err\n");
    assert.equal(await sizeOf(stored(`${base}/second/stderr`)), -1, "an empty stream is not stored");
    const second = await fleet.ssm.send(
      new GetCommandInvocationCommand({ CommandId: id, InstanceId: agent.instanceId, PluginName: "second" }),
    );
    assert.equal(second.StandardOutputUrl, `${fleet.url}/output/${base}/second/stdout`);
    assert.equal(second.StandardErrorUrl, "");
  });

  test("the download URL needs a signature and ssm:GetCommandInvocation on the node", async () => {
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo secret"] });
    await waitCommand(fleet.ssm, id);
    const url = `${fleet.url}/output/${stepKey(id)}/stdout`;
    await waitFor("stored", async () => ((await sizeOf(stored(`${stepKey(id)}/stdout`))) > 0 ? true : undefined));

    const iam = new IAMClient({ endpoint: fleet.url, region: "us-east-1", credentials: fleet.credentials });
    await iam.send(new CreateUserCommand({ UserName: "lister" }));
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "ssm:ListCommands", Resource: "*" }],
    };
    await iam.send(
      new PutUserPolicyCommand({ UserName: "lister", PolicyName: "p", PolicyDocument: JSON.stringify(policy) }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "lister" }))).AccessKey;
    iam.destroy();
    const lister = { accessKeyId: key?.AccessKeyId ?? "", secretAccessKey: key?.SecretAccessKey ?? "" };

    const refused = await signedGet(url, lister);
    assert.equal(refused.status, 400);
    assert.match(refused.body.toString(), /AccessDeniedException.*ssm:GetCommandInvocation/);
    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 400);
    assert.match(await anonymous.text(), /MissingAuthenticationToken/);
    assert.equal((await signedGet(url, fleet.credentials)).body.toString(), "secret\n");
  });

  test("50 MB of output is stored byte-exact while GetCommandInvocation still shows 24,000 characters", {
    timeout: 120_000,
  }, async () => {
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["seq 1 7000000"] });
    assert.equal((await waitCommand(fleet.ssm, id, 60_000)).Status, "Success");
    const node = nodeStepFile(id);
    const total = await sizeOf(node);
    assert.ok(total > 50_000_000, `the script wrote ${total} bytes`);
    const server = stored(`${stepKey(id)}/stdout`);
    await waitFor("all of it stored", async () => ((await sizeOf(server)) === total ? true : undefined), 60_000);
    assert.equal(await sha256(server), await sha256(node));
    const inv = await invocation(fleet.ssm, id, agent.instanceId);
    assert.equal(inv.StandardOutputContent?.length, 24_000);
  });

  test("with OutputS3BucketName the output goes to the bucket under the prefix (read back with the S3 SDK)", async () => {
    const id = await send(fleet.ssm, {
      InstanceIds: [agent.instanceId],
      commands: ["echo to-s3", "echo err-s3 >&2"],
      OutputS3BucketName: BUCKET,
      OutputS3KeyPrefix: "runs",
    });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    const key = `runs/${stepKey(id)}/stdout`;
    const body = await waitFor("the object in the bucket", async () => {
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return object.Body?.transformToString();
    });
    assert.equal(body, "to-s3\n");
    const inv = await invocation(fleet.ssm, id, agent.instanceId);
    assert.equal(inv.StandardOutputUrl, `${s3endpoint}/${BUCKET}/${key}`);
    assert.equal(inv.StandardErrorUrl, `${s3endpoint}/${BUCKET}/runs/${stepKey(id)}/stderr`);
    assert.equal(await sizeOf(stored(`runs/${stepKey(id)}/stdout`)), -1, "nothing in the data dir");
  });

  test("a bucket that does not exist is refused at SendCommand with InvalidOutputFolder", async () => {
    await assert.rejects(
      send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["true"], OutputS3BucketName: "no-such-bucket" }),
      (error: Error) => error.name === "InvalidOutputFolder" && /no-such-bucket does not exist/.test(error.message),
    );
  });

  test("an agent killed (-9) mid-upload and restarted completes the stored output", { timeout: 120_000 }, async () => {
    const id = await send(fleet.ssm, {
      InstanceIds: [agent.instanceId],
      commands: ["seq 1 3000000", "sleep 3", "seq 3000001 6000000"],
    });
    const server = stored(`${stepKey(id)}/stdout`);
    await waitFor("some output stored", async () => ((await sizeOf(server)) > 1_000_000 ? true : undefined), 30_000);
    await agent.kill("SIGKILL");
    const before = await sizeOf(server);
    await agent.restart();
    assert.equal((await waitCommand(fleet.ssm, id, 60_000)).Status, "Success");
    const node = nodeStepFile(id);
    const total = await sizeOf(node);
    assert.ok(before < total, `killed with ${before} of ${total} bytes stored`);
    await waitFor("all of it stored", async () => ((await sizeOf(server)) === total ? true : undefined), 60_000);
    assert.equal(await sha256(server), await sha256(node));
  });
});
