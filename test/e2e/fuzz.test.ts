import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DescribeInstanceInformationCommand } from "@aws-sdk/client-ssm";
import WebSocket from "ws";
import { typedSsmOperations } from "../../src/protocol/ssm/types.ts";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet } from "../support/fleet.ts";
import { signedPost } from "../support/signed-request.ts";

/**
 * Bounded fuzzing of the two edges a stranger can reach: the JSON API and the agent protocol.
 * Random and malformed input for a fixed time budget; the server must answer every request with
 * an AWS-shaped client error (never a 5xx, a crash or a hang) and keep working afterwards.
 */
const BUDGET_MS = 8_000;
const SEED = Number(process.env.FLEETRUN_FUZZ_SEED ?? 20261122);

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPERATIONS = typedSsmOperations;

function fuzzer(random: () => number, nodeId: string) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const text = (): string => {
    const kinds = [
      () => "",
      () => "a".repeat(Math.floor(random() * 300)),
      () => nodeId,
      () => "mi-0123456789abcdef0",
      () => "00000000-0000-0000-0000-000000000000",
      () => "AWS-RunShellScript",
      () => "$LATEST",
      () => "tag:Role",
      () => "\u0000\u2028💥'\"\\{{ x }}",
      () => "50%",
      () => String(Math.floor(random() * 1e6)),
    ];
    return pick(kinds)();
  };
  const value = (depth: number): unknown => {
    const kinds: Array<() => unknown> = [
      text,
      () => Math.floor(random() * 2 ** 33) - 2 ** 32,
      () => random() * 1e12,
      () => random() < 0.5,
      () => null,
      () => (depth > 2 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))),
      () => (depth > 2 ? {} : object(depth + 1)),
    ];
    return pick(kinds)();
  };
  const keys = [
    "DocumentName",
    "InstanceIds",
    "Targets",
    "Parameters",
    "CommandId",
    "InstanceId",
    "MaxResults",
    "NextToken",
    "Filters",
    "Content",
    "Name",
    "DocumentVersion",
    "IamRole",
    "ResourceType",
    "ResourceId",
    "Tags",
    "TimeoutSeconds",
    "MaxConcurrency",
    "MaxErrors",
    "Key",
    "Values",
    "commands",
    "key",
    "value",
    "PluginName",
    "Details",
    "__proto__",
    "constructor",
  ];
  const object = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 6); i > 0; i--) out[pick(keys)] = value(depth);
    return out;
  };
  const body = (): string | Uint8Array => {
    const r = random();
    if (r < 0.1) return Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
    if (r < 0.2) return JSON.stringify(value(0));
    if (r < 0.25) return `{"DocumentName": "AWS-RunShellScript", ${"[".repeat(2000)}`;
    return JSON.stringify(object(0));
  };
  return { pick, body, value, text };
}

describe("fuzzing the edges", () => {
  let fleet: Fleet;
  let agent: AgentHandle;

  before(async () => {
    fleet = await Fleet.start({ serverArgs: ["--rate-limit", "100000"] });
    agent = await fleet.addAgent("target");
  });
  after(async () => fleet?.stop());

  test("the JSON API answers random and malformed requests with typed client errors", { timeout: 60_000 }, async () => {
    const random = prng(SEED);
    const f = fuzzer(random, agent.instanceId);
    const deadline = Date.now() + BUDGET_MS;
    let sent = 0;
    const seen = new Set<string>();
    while (Date.now() < deadline) {
      // Header values must be Latin-1: arbitrary text goes into the target percent-encoded.
      const operation = random() < 0.95 ? f.pick(OPERATIONS) : encodeURIComponent(f.text());
      const contentType =
        random() < 0.9 ? "application/x-amz-json-1.1" : f.pick(["text/plain", "", "application/json"]);
      const body = f.body();
      const reply = await signedPost(
        fleet.url,
        fleet.credentials,
        { "content-type": contentType, "x-amz-target": `AmazonSSM.${operation}` },
        body,
      );
      sent++;
      const shown = typeof body === "string" ? body.slice(0, 500) : `<${body.length} bytes>`;
      const where = `seed ${SEED}, request ${sent} (${operation} ${shown})`;
      if (reply.status >= 500) await new Promise((r) => setTimeout(r, 300)); // let the server log the cause first
      assert.ok(
        reply.status < 500,
        `${where}: HTTP ${reply.status} ${reply.text}\n${fleet.server.stderr().slice(-3000)}`,
      );
      if (reply.status !== 200) {
        const parsed = JSON.parse(reply.text) as { __type?: string; message?: string };
        assert.ok(parsed.__type, `${where}: error without __type: ${reply.text}`);
        assert.equal(typeof parsed.message, "string", `${where}: error without message`);
        seen.add(parsed.__type);
      }
    }
    assert.ok(sent > 50, `only ${sent} requests in the budget`);
    assert.ok(seen.has("ValidationException") || seen.has("SerializationException"), [...seen].join(", "));
  });

  test("oversized headers and bodies get AWS-shaped errors", async () => {
    const big = await fetch(`${fleet.url}/`, { method: "POST", headers: { "x-junk": "j".repeat(20_000) }, body: "{}" });
    assert.equal(big.status, 431);
    assert.equal((JSON.parse(await big.text()) as { __type: string }).__type, "RequestHeaderFieldsTooLarge");
    const huge = await fetch(`${fleet.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.ListCommands" },
      body: "x".repeat(2 * 1024 * 1024),
    });
    assert.equal(huge.status, 413);
    assert.equal((JSON.parse(await huge.text()) as { __type: string }).__type, "RequestEntityTooLarge");
  });

  test("the agent protocol survives garbage frames, forged hellos and foreign results", {
    timeout: 60_000,
  }, async () => {
    const random = prng(SEED + 1);
    const f = fuzzer(random, agent.instanceId);
    const url = `${fleet.url.replace("http", "ws")}/agent/v1/connect`;
    const { privateKey } = generateKeyPairSync("ed25519");
    const deadline = Date.now() + BUDGET_MS;
    let sockets = 0;
    while (Date.now() < deadline) {
      sockets++;
      const ws = new WebSocket(url);
      const closed = new Promise<number>((done) => ws.on("close", (code) => done(code)));
      ws.on("error", () => undefined);
      const nonce = await new Promise<string | undefined>((done) => {
        ws.once("message", (data) => done((JSON.parse(data.toString()) as { nonce?: string }).nonce));
        ws.once("close", () => done(undefined));
      });
      for (let i = Math.floor(random() * 5) + 1; i > 0 && ws.readyState === WebSocket.OPEN; i--) {
        const r = random();
        if (r < 0.3) ws.send(Buffer.from(f.body()));
        else if (r < 0.5)
          ws.send(
            JSON.stringify({
              type: f.pick(["hello", "result", "ack", "heartbeat", "started", "nope"]),
              ...(f.value(0) as object),
            }),
          );
        else if (r < 0.7) {
          // A hello for the real node signed with the wrong key: impersonation.
          const signature = sign(
            null,
            Buffer.from(`fleetrun-agent-v1:${agent.instanceId}:${nonce}`),
            privateKey,
          ).toString("base64");
          ws.send(
            JSON.stringify({
              type: "hello",
              v: 1,
              instanceId: agent.instanceId,
              signature,
              info: {
                computerName: "x",
                ipAddress: "1.2.3.4",
                platformType: "Linux",
                platformName: "x",
                platformVersion: "1",
                agentVersion: "1",
              },
            }),
          );
        } else if (r < 0.8) ws.send(Buffer.alloc(300 * 1024, 1));
        else
          ws.send(
            JSON.stringify({
              type: "result",
              commandId: "00000000-0000-0000-0000-000000000000",
              status: "Success",
              responseCode: 0,
              endedAt: 1,
              plugins: [],
            }),
          );
      }
      ws.close();
      await closed;
    }
    assert.ok(sockets > 10);
  });

  test("an agent frame over the 4 MiB limit closes that socket (1009) and nothing else", async () => {
    const ws = new WebSocket(`${fleet.url.replace("http", "ws")}/agent/v1/connect`);
    ws.on("error", () => undefined);
    await new Promise((done) => ws.once("message", done));
    const closed = new Promise<number>((done) => ws.on("close", (code) => done(code)));
    ws.send(Buffer.alloc(5 * 1024 * 1024, 0x61));
    assert.equal(await closed, 1009);
  });

  test("afterwards the server still answers and the real agent still runs commands", { timeout: 30_000 }, async () => {
    assert.equal(fleet.server.child.exitCode, null, `server exited:\n${fleet.server.stderr().slice(-2000)}`);
    const nodes = await fleet.ssm.send(new DescribeInstanceInformationCommand({}));
    assert.ok(
      (nodes.InstanceInformationList ?? []).some((n) => n.InstanceId === agent.instanceId && n.PingStatus === "Online"),
    );
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo still here"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    assert.equal((await invocation(fleet.ssm, id, agent.instanceId)).StandardOutputContent, "still here\n");
  });
});
