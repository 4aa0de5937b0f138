import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  AddTagsToResourceCommand,
  CreateActivationCommand,
  DeleteActivationCommand,
  DeregisterManagedInstanceCommand,
  DescribeActivationsCommand,
  DescribeInstanceInformationCommand,
  type DescribeInstanceInformationRequest,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");
const JSON_11 = "application/x-amz-json-1.1";

/** How a raw request is (or is not) signed. */
interface RawOptions {
  target?: string;
  unsigned?: boolean;
  signingDate?: Date;
  /** Adds the signer's x-amz-content-sha256 header. */
  payloadHash?: boolean;
  /** The body actually sent, when it differs from the signed one. */
  sentBody?: string;
}

/** A raw response with its JSON body. */
interface RawResponse {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON read by assertions.
  json: any;
}

/** POSTs an AWS JSON 1.1 request with node's fetch, SigV4-signed for ssm/us-east-1 unless told otherwise. */
async function raw(fleet: Fleet, body: string, options: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(fleet.url);
  const headers: Record<string, string> = { host: url.host, "content-type": JSON_11 };
  if (options.target !== undefined) headers["x-amz-target"] = options.target;
  let sent = headers;
  if (!options.unsigned) {
    const signer = new SignatureV4({
      service: "ssm",
      region: "us-east-1",
      credentials: fleet.credentials,
      sha256: Sha256,
      applyChecksum: options.payloadHash ?? false,
    });
    const request = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      headers,
      body,
    });
    const signed = await signer.sign(request, options.signingDate ? { signingDate: options.signingDate } : {});
    sent = signed.headers;
  }
  // fetch sets Host itself, to the same host:port that was signed.
  const { host: _host, ...fetchHeaders } = sent;
  const response = await fetch(`${fleet.url}/`, {
    method: "POST",
    headers: fetchHeaders,
    body: options.sentBody ?? body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`response body is not JSON: ${text}`);
  }
  // The media type is what clients check; Fastify adds a harmless `; charset=utf-8`.
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  return { status: response.status, contentType, json };
}

/** Asserts an AWS JSON error envelope: 4xx, the JSON 1.1 content type, `__type` and a `message`. */
function assertError(res: RawResponse, type: string | RegExp, message?: RegExp): void {
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}: ${JSON.stringify(res.json)}`);
  assert.equal(res.contentType, JSON_11);
  if (typeof type === "string") assert.equal(res.json.__type, type, JSON.stringify(res.json));
  else assert.match(res.json.__type, type);
  assert.equal(typeof res.json.message, "string");
  if (message) assert.match(res.json.message, message);
}

/** Runs `fleetrun agent` for a first registration; resolves with its exit code and stderr. */
function registerAgent(
  fleet: Fleet,
  activation: { id: string; code: string },
  name: string,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "agent",
      "--server",
      fleet.url,
      "--activation-id",
      activation.id,
      "--activation-code",
      activation.code,
      "--state-dir",
      join(fleet.dir, `refused-${name}`),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((done) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    }),
  );
}

/** The AWS JSON 1.1 edge: routing, decoding, validation, SigV4, pagination, filters and activations. */
describe("the SSM API edge", () => {
  let fleet: Fleet;
  let agents: AgentHandle[];
  const describeIds = async (input: DescribeInstanceInformationRequest) => {
    const out = await fleet.ssm.send(new DescribeInstanceInformationCommand(input));
    return (out.InstanceInformationList ?? []).map((n) => n.InstanceId ?? "").sort();
  };

  before(async () => {
    fleet = await Fleet.start();
    const activation = await fleet.createActivation(6);
    agents = await Promise.all(["a", "b", "c", "d", "e", "f"].map((name) => fleet.addAgent(name, activation)));
  });
  after(async () => fleet?.stop());

  test("a correctly signed raw request is answered with JSON 1.1", async () => {
    for (const payloadHash of [false, true]) {
      const res = await raw(fleet, "{}", { target: "AmazonSSM.ListCommands", payloadHash });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.equal(res.contentType, JSON_11);
      assert.ok(Array.isArray(res.json.Commands));
    }
  });

  test("unknown, missing and unimplemented operations are 400 UnknownOperationException", async () => {
    assertError(await raw(fleet, "{}", { target: "AmazonSSM.NoSuchThing" }), "UnknownOperationException");
    const missing = await raw(fleet, "{}");
    assert.equal(missing.status, 400);
    assertError(missing, "UnknownOperationException");
    const unimplemented = await raw(fleet, '{"Name":"x"}', { target: "AmazonSSM.GetParameter" });
    assert.equal(unimplemented.status, 400);
    assertError(unimplemented, "UnknownOperationException", /fleetrun does not implement GetParameter/);
    // Names that exist on every JS object must not reach a handler.
    for (const name of ["constructor", "__proto__", "toString"]) {
      assertError(await raw(fleet, "{}", { target: `AmazonSSM.${name}` }), "UnknownOperationException");
    }
  });

  test("bodies that do not decode into the input shape are SerializationException", async () => {
    const target = "AmazonSSM.SendCommand";
    assertError(await raw(fleet, '{"DocumentName": "AWS-RunShellScript",', { target }), "SerializationException");
    const wrongType = JSON.stringify({ DocumentName: 5, InstanceIds: [agents[0]!.instanceId] });
    assertError(await raw(fleet, wrongType, { target }), "SerializationException", /documentName|DocumentName/i);
    assertError(await raw(fleet, "[]", { target: "AmazonSSM.ListCommands" }), "SerializationException");
    assertError(
      await raw(fleet, `{"Comment":"${"x".repeat(1_100_000)}"}`, { target, unsigned: true }),
      "RequestEntityTooLarge",
    );
  });

  test("constraint violations are ValidationException naming the member, as AWS words them", async () => {
    const base = { DocumentName: "AWS-RunShellScript", InstanceIds: [agents[0]!.instanceId] };
    const target = "AmazonSSM.SendCommand";
    assertError(
      await raw(fleet, JSON.stringify({ ...base, Comment: "c".repeat(101) }), { target }),
      "ValidationException",
      /at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100/,
    );
    assertError(
      await raw(fleet, JSON.stringify({ ...base, MaxConcurrency: "0" }), { target }),
      "ValidationException",
      /at 'maxConcurrency' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    assertError(
      await raw(fleet, JSON.stringify({ MaxResults: 51 }), { target: "AmazonSSM.ListCommands" }),
      "ValidationException",
      /at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50/,
    );
    await assert.rejects(
      fleet.ssm.send(new SendCommandCommand({ ...base, Comment: "c".repeat(101), Parameters: { commands: ["true"] } })),
      { name: "ValidationException", message: /at 'comment'.*length less than or equal to 100/ },
    );
  });

  test("SigV4: missing, wrong, unknown, expired and tampered signatures are refused", async () => {
    // AWS's JSON services spell it MissingAuthenticationTokenException; either is accepted.
    assertError(
      await raw(fleet, "{}", { target: "AmazonSSM.ListCommands", unsigned: true }),
      /^MissingAuthenticationToken(Exception)?$/,
      /missing Authentication Token/,
    );
    const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new SSMClient({ endpoint: fleet.url, region: "us-east-1", credentials, maxAttempts: 1 });
    const wrongSecret = client({ ...fleet.credentials, secretAccessKey: `${fleet.credentials.secretAccessKey}x` });
    const unknownKey = client({ accessKeyId: "AKIAFLEETRUNUNKNOWN1", secretAccessKey: "x".repeat(40) });
    try {
      await assert.rejects(wrongSecret.send(new ListCommandsCommand({})), { name: "InvalidSignatureException" });
      await assert.rejects(unknownKey.send(new ListCommandsCommand({})), { name: "UnrecognizedClientException" });
    } finally {
      wrongSecret.destroy();
      unknownKey.destroy();
    }
    const signingDate = new Date(Date.now() - 20 * 60_000);
    assertError(
      await raw(fleet, "{}", { target: "AmazonSSM.ListCommands", signingDate }),
      "InvalidSignatureException",
      /Signature expired/,
    );
    const tampered = (payloadHash: boolean) =>
      raw(fleet, '{"MaxResults":1}', { target: "AmazonSSM.ListCommands", payloadHash, sentBody: '{"MaxResults":2}' });
    assertError(await tampered(false), "InvalidSignatureException", /signature we calculated does not match/);
    assertError(await tampered(true), "InvalidSignatureException", /'x-amz-content-sha256' header does not match/);
  });

  test("DescribeInstanceInformation and ListCommandInvocations page through every row once", async () => {
    const all = agents.map((a) => a.instanceId).sort();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await fleet.ssm.send(
        new DescribeInstanceInformationCommand({ MaxResults: 5, ...(token ? { NextToken: token } : {}) }),
      );
      seen.push(...(out.InstanceInformationList ?? []).map((n) => n.InstanceId ?? ""));
      token = out.NextToken;
      pages++;
    } while (token && pages < 10);
    assert.equal(pages, 2);
    assert.deepEqual([...seen].sort(), all, "every node once, no duplicates");
    await assert.rejects(fleet.ssm.send(new DescribeInstanceInformationCommand({ NextToken: "not-a-token" })), {
      name: "InvalidNextToken",
    });

    const commandId = await send(fleet.ssm, { InstanceIds: all, commands: ["true"] });
    await waitCommand(fleet.ssm, commandId);
    const first = await fleet.ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, MaxResults: 5 }));
    assert.equal(first.CommandInvocations?.length, 5);
    assert.ok(first.NextToken);
    const second = await fleet.ssm.send(
      new ListCommandInvocationsCommand({ CommandId: commandId, MaxResults: 5, NextToken: first.NextToken }),
    );
    assert.equal(second.CommandInvocations?.length, 1);
    assert.equal(second.NextToken, undefined);
    const invoked = [...(first.CommandInvocations ?? []), ...(second.CommandInvocations ?? [])].map(
      (i) => i.InstanceId ?? "",
    );
    assert.deepEqual(invoked.sort(), all);
    await assert.rejects(fleet.ssm.send(new ListCommandInvocationsCommand({ NextToken: "fr1.garbage" })), {
      name: "InvalidNextToken",
    });
  });

  test("DescribeInstanceInformation filters: PingStatus, tag, InstanceIds, PlatformTypes", async () => {
    const all = agents.map((a) => a.instanceId).sort();
    const online = (v: string) => describeIds({ Filters: [{ Key: "PingStatus", Values: [v] }] });
    assert.deepEqual(await online("Online"), all);
    assert.deepEqual(await online("ConnectionLost"), []);

    const lost = agents[5]!;
    await lost.kill();
    await waitFor(
      "the killed agent to be ConnectionLost",
      async () => ((await online("ConnectionLost")).includes(lost.instanceId) ? true : undefined),
      15_000,
    );
    assert.deepEqual(await online("ConnectionLost"), [lost.instanceId]);
    assert.deepEqual(
      await online("Online"),
      all.filter((id) => id !== lost.instanceId),
    );

    await fleet.ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: "ManagedInstance",
        ResourceId: agents[1]!.instanceId,
        Tags: [{ Key: "Team", Value: "blue" }],
      }),
    );
    assert.deepEqual(await describeIds({ Filters: [{ Key: "tag:Team", Values: ["blue"] }] }), [agents[1]!.instanceId]);
    assert.deepEqual(await describeIds({ Filters: [{ Key: "tag:Team", Values: ["red"] }] }), []);

    await assert.rejects(
      describeIds({ Filters: [{ Key: "InstanceIds", Values: [agents[0]!.instanceId, "mi-0123456789abcdef0"] }] }),
      { name: "InvalidInstanceId" },
    );
    assert.deepEqual(await describeIds({ Filters: [{ Key: "PlatformTypes", Values: ["Linux"] }] }), all);
    assert.deepEqual(await describeIds({ Filters: [{ Key: "PlatformTypes", Values: ["Windows"] }] }), []);
  });

  test("DeregisterManagedInstance forgets the node and cuts its agent off", async () => {
    const gone = agents[4]!;
    await fleet.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: gone.instanceId }));
    assert.ok(!(await describeIds({})).includes(gone.instanceId));
    const code = await Promise.race([
      gone.proc.exited,
      new Promise((r) => setTimeout(() => r("still running"), 10_000)),
    ]);
    assert.equal(code, 2, `agent stderr:\n${gone.proc.stderr()}`);
    await assert.rejects(send(fleet.ssm, { InstanceIds: [gone.instanceId], commands: ["true"] }), {
      name: "InvalidInstanceId",
    });
    await assert.rejects(fleet.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId: gone.instanceId })), {
      name: "InvalidInstanceId",
    });
  });

  test("activations: registration limit, wrong code, expiry, 30-day cap and unknown ids", async () => {
    const limited = await fleet.createActivation(1);
    await fleet.addAgent("limited", limited);
    const second = await registerAgent(fleet, limited, "over-limit");
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /registration limit/);
    const wrongCode = await registerAgent(fleet, { id: limited.id, code: `${limited.code}x` }, "wrong-code");
    assert.notEqual(wrongCode.code, 0);
    assert.match(wrongCode.stderr, /InvalidActivation/);

    const expiresAt = Date.now() + 2_000;
    const soon = await fleet.ssm.send(
      new CreateActivationCommand({ IamRole: "e2e", ExpirationDate: new Date(expiresAt) }),
    );
    const expiring = { id: soon.ActivationId ?? "", code: soon.ActivationCode ?? "" };
    await new Promise((r) => setTimeout(r, expiresAt + 1_000 - Date.now()));
    const late = await registerAgent(fleet, expiring, "expired");
    assert.notEqual(late.code, 0);
    assert.match(late.stderr, /InvalidActivation.*expired/);

    const listed = await fleet.ssm.send(
      new DescribeActivationsCommand({
        Filters: [{ FilterKey: "ActivationIds", FilterValues: [limited.id, expiring.id] }],
      }),
    );
    const byId = new Map((listed.ActivationList ?? []).map((a) => [a.ActivationId, a]));
    assert.equal(byId.get(limited.id)?.RegistrationsCount, 1);
    assert.equal(byId.get(limited.id)?.Expired, false);
    assert.equal(byId.get(expiring.id)?.RegistrationsCount, 0);
    assert.equal(byId.get(expiring.id)?.Expired, true);

    await assert.rejects(
      fleet.ssm.send(
        new CreateActivationCommand({ IamRole: "e2e", ExpirationDate: new Date(Date.now() + 31 * 24 * 3600_000) }),
      ),
      { name: "InvalidParameters" },
    );
    await assert.rejects(fleet.ssm.send(new DeleteActivationCommand({ ActivationId: randomUUID() })), {
      name: "InvalidActivationId",
    });
  });

  test("the server still answers normally afterwards", async () => {
    const out = await fleet.ssm.send(new ListCommandsCommand({}));
    assert.ok((out.Commands?.length ?? 0) >= 1);
    assert.equal(fleet.server.child.exitCode, null, "the server process is still running");
  });
});
