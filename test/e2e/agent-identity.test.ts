import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CancelCommandCommand } from "@aws-sdk/client-ssm";
import WebSocket from "ws";
import { challengeText, rotationText } from "../../src/protocol/agent/messages.ts";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");
const INFO = {
  computerName: "raw",
  ipAddress: "127.0.0.1",
  platformType: "Linux",
  platformName: "raw",
  platformVersion: "1",
  agentVersion: "raw",
};

/** The fields of a trail record these tests read. */
interface TrailRecord {
  requestParameters?: Record<string, unknown> | null;
  errorCode?: string;
  userIdentity: { type: string };
}

interface StoredIdentity {
  instanceId: string;
  privateKey: string;
  publicKey: string;
}

/** A hand-driven agent connection: what a node (or an attacker holding a node key) can send. */
class RawSession {
  readonly socket: WebSocket;
  readonly frames: Array<Record<string, unknown>> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string) {
    const target = new URL("/agent/v1/connect", url);
    target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
    this.socket = new WebSocket(target);
    this.socket.on("message", (data) => this.frames.push(JSON.parse(data.toString())));
    this.closed = new Promise((done) =>
      this.socket.on("close", (code, reason) => done({ code, reason: reason.toString() })),
    );
  }

  /** Waits for the first frame of `type`. */
  frame(type: string): Promise<Record<string, unknown>> {
    return waitFor(`a ${type} frame`, () => this.frames.find((f) => f.type === type));
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.close();
  }
}

function hello(instanceId: string, privateKey: string, nonce: string) {
  const signature = sign(null, Buffer.from(challengeText(instanceId, nonce)), createPrivateKey(privateKey));
  return { type: "hello", v: 1, instanceId, signature: signature.toString("base64"), info: INFO };
}

async function identityOf(agent: AgentHandle): Promise<StoredIdentity> {
  return JSON.parse(await readFile(join(agent.stateDir, "identity.json"), "utf8"));
}

describe("agent identity", () => {
  let fleet: Fleet;
  let a: AgentHandle;
  let b: AgentHandle;
  let cloudtrail: CloudTrailClient;

  /** The first trail record of `eventName` that `matches` accepts. */
  function recorded(eventName: string, matches: (record: TrailRecord) => boolean) {
    return waitFor(`a ${eventName} record`, async () => {
      const out = await cloudtrail.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: eventName }] }),
      );
      return (out.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent ?? "{}") as TrailRecord).find(matches);
    });
  }

  before(async () => {
    fleet = await Fleet.start();
    [a, b] = await Promise.all([fleet.addAgent("a"), fleet.addAgent("b")]);
    cloudtrail = new CloudTrailClient({
      endpoint: fleet.url,
      region: "us-east-1",
      credentials: fleet.credentials,
      maxAttempts: 1,
    });
  });
  after(async () => {
    cloudtrail?.destroy();
    await fleet?.stop();
  });

  test("rotate-key: the running agent keeps working with the new key, and the old key is refused", {
    timeout: 60_000,
  }, async () => {
    const old = await identityOf(a);
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(
        process.execPath,
        [CLI, "agent", "rotate-key", "--state-dir", a.stateDir],
        { timeout: 30_000 },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${a.instanceId}: key rotated`));
    const now = await identityOf(a);
    assert.notEqual(now.publicKey, old.publicKey, "identity.json holds the new key");
    assert.equal(existsSync(join(a.stateDir, "identity.json.new")), false, "no rotation left pending");

    const id = await send(fleet.ssm, { InstanceIds: [a.instanceId], commands: ["echo after-rotation"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    assert.match((await invocation(fleet.ssm, id, a.instanceId)).StandardOutputContent ?? "", /after-rotation/);

    const stale = new RawSession(fleet.url);
    const { nonce } = await stale.frame("challenge");
    stale.send(hello(a.instanceId, old.privateKey, String(nonce)));
    assert.equal((await stale.closed).code, 4003, "a hello signed with the old key is refused");
    await recorded("RotateManagedInstanceKey", (r) => r.requestParameters?.instanceId === a.instanceId && !r.errorCode);
  });

  test("a hello for node A signed with node B's key is refused and audited", async () => {
    const keyOfB = await identityOf(b);
    const forged = new RawSession(fleet.url);
    const { nonce } = await forged.frame("challenge");
    forged.send(hello(a.instanceId, keyOfB.privateKey, String(nonce)));
    const closed = await forged.closed;
    assert.equal(closed.code, 4003);
    assert.equal(
      forged.frames.some((f) => f.type === "welcome"),
      false,
    );
    const record = await recorded(
      "AgentHandshakeRefused",
      (r) => r.requestParameters?.instanceId === a.instanceId && r.errorCode === "AuthenticationFailed",
    );
    assert.equal(record.userIdentity.type, "Unknown", "the refused peer is not credited with A's identity");
  });

  test("a captured hello replayed on a new connection is refused (the nonce is new)", async () => {
    const keyOfB = await identityOf(b);
    const first = new RawSession(fleet.url);
    const { nonce } = await first.frame("challenge");
    const captured = hello(b.instanceId, keyOfB.privateKey, String(nonce));
    first.send(captured);
    await first.frame("welcome");
    first.close();
    await first.closed;

    const replay = new RawSession(fleet.url);
    const second = await replay.frame("challenge");
    assert.notEqual(second.nonce, nonce, "every connection gets a fresh nonce");
    replay.send(captured);
    assert.equal((await replay.closed).code, 4003);
    assert.equal(
      replay.frames.some((f) => f.type === "welcome"),
      false,
    );
    await fleet.waitOnline(b.instanceId);
  });

  test("a result for another node's command is not applied and is audited", { timeout: 60_000 }, async () => {
    const id = await send(fleet.ssm, { InstanceIds: [a.instanceId], commands: ["sleep 30"] });
    await waitFor("A to run it", async () =>
      (await invocation(fleet.ssm, id, a.instanceId)).Status === "InProgress" ? true : undefined,
    );
    const keyOfB = await identityOf(b);
    const session = new RawSession(fleet.url);
    const { nonce } = await session.frame("challenge");
    session.send(hello(b.instanceId, keyOfB.privateKey, String(nonce)));
    await session.frame("welcome");
    const now = Date.now();
    session.send({ type: "result", commandId: id, status: "Success", responseCode: 0, endedAt: now, plugins: [] });
    await recorded(
      "SendCommandResult",
      (r) =>
        r.requestParameters?.commandId === id &&
        r.requestParameters?.instanceId === b.instanceId &&
        r.errorCode === "InvocationDoesNotExist",
    );
    session.close();
    await session.closed;
    const inv = await invocation(fleet.ssm, id, a.instanceId);
    assert.equal(inv.Status, "InProgress", "A's invocation is untouched");
    assert.equal(inv.ResponseCode, -1);
    await fleet.ssm.send(new CancelCommandCommand({ CommandId: id }));
    await waitCommand(fleet.ssm, id);
    await fleet.waitOnline(b.instanceId);
  });

  test("a rotation the server took but the node never saved is completed on the next start", {
    timeout: 60_000,
  }, async () => {
    await b.kill();
    const current = await identityOf(b);
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const next = {
      privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
    };
    // What rotate-key writes before it asks the server; then it "crashes" after the server switched.
    await writeFile(join(b.stateDir, "identity.json.new"), JSON.stringify({ ...current, ...next }), { mode: 0o600 });
    const session = new RawSession(fleet.url);
    const { nonce } = await session.frame("challenge");
    session.send(hello(b.instanceId, current.privateKey, String(nonce)));
    await session.frame("welcome");
    const proof = sign(
      null,
      Buffer.from(rotationText(b.instanceId, next.publicKey)),
      createPrivateKey(next.privateKey),
    );
    session.send({ type: "rotate-key", newPublicKey: next.publicKey, proof: proof.toString("base64") });
    assert.equal((await session.frame("key-rotated")).instanceId, b.instanceId);
    session.close();
    await session.closed;

    await b.restart();
    await fleet.waitOnline(b.instanceId);
    assert.equal((await identityOf(b)).publicKey, next.publicKey, "the pending key became the identity");
    assert.equal(existsSync(join(b.stateDir, "identity.json.new")), false);
    const id = await send(fleet.ssm, { InstanceIds: [b.instanceId], commands: ["echo recovered"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
  });
});
