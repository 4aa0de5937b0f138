import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

/**
 * SendCommand's NotificationConfig end to end: a real server and two real agents notify a webhook
 * receiver started by the test, directly (a raw URL) or through a topic made with the CLI.
 */
const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

let fleet: Fleet;
let agents: AgentHandle[];
let hooks: WebhookReceiver;

function fleetrun(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...fleet.cliEnv(), FLEETRUN_ENDPOINT: fleet.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

async function cli(...args: string[]): Promise<string> {
  const run = await fleetrun(...args);
  assert.equal(run.code, 0, `fleetrun ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout;
}

/** The signature a receiver computes to check a delivery. */
const signatureOf = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function assertSigned(requests: ReceivedRequest[], secret: string): void {
  for (const r of requests) assert.equal(r.headers["x-fleetrun-signature"], signatureOf(secret, r.body));
}

const messages = (requests: ReceivedRequest[]) => requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

before(async () => {
  hooks = await startWebhookReceiver((path, n) => {
    if (path === "/flaky") return n <= 2 ? 500 : 200;
    if (path === "/hang") return "hang";
    return 200;
  });
  fleet = await Fleet.start();
  agents = [await fleet.addAgent("n1"), await fleet.addAgent("n2")];
});

after(async () => {
  await fleet?.stop();
  await hooks?.close();
});

describe("notifications", () => {
  test("a Command notification reaches a webhook URL: InProgress then Success, signed with the server's secret", async () => {
    const ids = agents.map((a) => a.instanceId);
    const commandId = await send(fleet.ssm, {
      InstanceIds: ids,
      commands: ["echo hi"],
      NotificationConfig: {
        NotificationArn: `${hooks.url}/command`,
        NotificationEvents: ["All"],
        NotificationType: "Command",
      },
    });
    assert.equal((await waitCommand(fleet.ssm, commandId)).Status, "Success");
    const got = await waitFor("2 notifications", () =>
      hooks.on("/command").length >= 2 ? hooks.on("/command") : undefined,
    );
    const [inProgress, success] = messages(got);
    assert.deepEqual(Object.keys(success ?? {}).sort(), [
      "commandId",
      "documentName",
      "eventTime",
      "expiresAfter",
      "instanceIds",
      "outputS3BucketName",
      "outputS3KeyPrefix",
      "requestedDateTime",
      "status",
    ]);
    assert.equal(inProgress?.status, "InProgress");
    assert.equal(success?.status, "Success");
    assert.equal(success?.commandId, commandId);
    assert.equal(success?.documentName, "AWS-RunShellScript");
    assert.deepEqual(success?.instanceIds, ids);
    assert.equal(got.length, 2, "no Pending notification");
    const secret = (await cli("topics", "secret", "--data-dir", fleet.dataDir)).trim();
    assertSigned(got, secret);
  });

  test("an Invocation notification through a topic: per node InProgress then Success, signed with the topic's secret", async () => {
    const created = JSON.parse(await cli("topics", "create", "ops")) as { TopicArn: string; SigningSecret: string };
    assert.equal(created.TopicArn, "arn:aws:sns:us-east-1:000000000000:ops");
    await cli("topics", "subscribe", "ops", "--endpoint", `${hooks.url}/topic`);
    const commandId = await send(fleet.ssm, {
      InstanceIds: agents.map((a) => a.instanceId),
      commands: ["echo hi"],
      NotificationConfig: {
        NotificationArn: created.TopicArn,
        NotificationEvents: ["All"],
        NotificationType: "Invocation",
      },
    });
    await waitCommand(fleet.ssm, commandId);
    const got = await waitFor("4 notifications", () =>
      hooks.on("/topic").length >= 4 ? hooks.on("/topic") : undefined,
    );
    assertSigned(got, created.SigningSecret);
    for (const agent of agents) {
      const mine = messages(got).filter((m) => m.instanceId === agent.instanceId);
      assert.deepEqual(
        mine.map((m) => m.status),
        ["InProgress", "Success"],
        agent.name,
      );
      assert.deepEqual(Object.keys(mine[0] ?? {}).sort(), [
        "commandId",
        "documentName",
        "eventTime",
        "instanceId",
        "requestedDateTime",
        "status",
      ]);
    }
    await waitFor("the deliveries to be recorded Delivered", async () => {
      const log = JSON.parse(await cli("topics", "deliveries", "--source", "topic:ops", "--output", "json")) as {
        Deliveries: Array<{ Status: string }>;
      };
      return log.Deliveries.length === 4 && log.Deliveries.every((d) => d.Status === "Delivered") ? true : undefined;
    });
  });

  test("a receiver that answers 500 twice gets the message again and takes it on the third attempt", async () => {
    const commandId = await send(fleet.ssm, {
      InstanceIds: [agents[0]?.instanceId ?? ""],
      commands: ["true"],
      NotificationConfig: {
        NotificationArn: `${hooks.url}/flaky`,
        NotificationEvents: ["Success"],
        NotificationType: "Command",
      },
    });
    await waitCommand(fleet.ssm, commandId);
    const got = await waitFor(
      "3 attempts",
      () => (hooks.on("/flaky").length >= 3 ? hooks.on("/flaky") : undefined),
      30_000,
    );
    assert.deepEqual(
      got.map((r) => r.headers["x-fleetrun-attempt"]),
      ["1", "2", "3"],
    );
    assert.equal(new Set(got.map((r) => r.body)).size, 1, "the same message each time");
    assert.equal(messages(got)[0]?.status, "Success");
    const delivery = await waitFor("the delivery to be recorded", async () => {
      const out = JSON.parse(await cli("topics", "deliveries", "--source", "webhook", "--output", "json")) as {
        Deliveries: Array<{ Endpoint: string; Status: string; Attempts: number; LastStatus: number }>;
      };
      const found = out.Deliveries.find((d) => d.Endpoint.endsWith("/flaky"));
      return found?.Status === "Delivered" ? found : undefined;
    });
    assert.equal(delivery.Attempts, 3);
    assert.equal(delivery.LastStatus, 200);
  });

  test("a receiver that never answers does not hold up the command", async () => {
    const commandId = await send(fleet.ssm, {
      InstanceIds: agents.map((a) => a.instanceId),
      commands: ["echo fine"],
      NotificationConfig: {
        NotificationArn: `${hooks.url}/hang`,
        NotificationEvents: ["All"],
        NotificationType: "Invocation",
      },
    });
    assert.equal((await waitCommand(fleet.ssm, commandId)).Status, "Success");
    const held = hooks.on("/hang");
    assert.equal(held.length, 1, "the first message is still being delivered; the rest wait behind it");
    assert.equal(held[0]?.answered, false);
  });

  test("a NotificationArn that is neither a URL nor a known topic is refused", async () => {
    await assert.rejects(
      send(fleet.ssm, {
        InstanceIds: [agents[0]?.instanceId ?? ""],
        commands: ["true"],
        NotificationConfig: { NotificationArn: "arn:aws:sns:us-east-1:000000000000:nope", NotificationEvents: ["All"] },
      }),
      (e: Error) => e.name === "InvalidNotificationConfig",
    );
  });
});
