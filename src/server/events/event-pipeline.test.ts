import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import { sendCommand } from "../../core/commands/send-command.ts";
import { DocumentService } from "../../core/documents/document-service.ts";
import type { FleetEvent } from "../../core/events/fleet-event.ts";
import { parsePolicy } from "../../core/policies/index.ts";
import { systemClock } from "../../core/ports/clock.ts";
import type { RuleAction } from "../../core/ports/event-store.ts";
import { Scheduler } from "../../core/scheduler.ts";
import { aNode, anActivation, nodeId } from "../../store/contract/fixtures.ts";
import { openStore } from "../../store/open-store.ts";
import { randomIds } from "../random-ids.ts";
import { SecretBox } from "../secrets/secret-box.ts";
import { ChangeQueue } from "./change-queue.ts";
import { secretContext } from "./fleetrun-api-context.ts";
import { observeStore } from "./observed-store.ts";
import { startEvents } from "./start-events.ts";
import { readWebhookSecret } from "./webhook-secret.ts";
import { verifyBodySignature } from "./webhook-signature.ts";

const ALLOW_ALL = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');

async function until<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("timed out");
}

/** A running event pipeline over a real SQLite store, with a webhook receiver and the bus's events collected. */
async function setup(t: TestContext) {
  const dataDir = await mkdtemp(join(tmpdir(), "fleetrun-events-"));
  const raw = await openStore("sqlite::memory:");
  await raw.migrate();
  const changes = new ChangeQueue();
  const store = observeStore(raw, changes, systemClock);
  const bus = new MemoryBus();
  const box = new SecretBox(randomBytes(32));
  const documents = new DocumentService({ store, clock: systemClock, accountId: "123456789012" });
  const events = await startEvents({
    ...{ store, changes, bus, clock: systemClock, ids: randomIds, log: pino({ level: "silent" }), documents, box },
    ...{ policies: { policiesFor: async () => [ALLOW_ALL] }, dataDir, region: "us-east-1", accountId: "123456789012" },
    delivery: { baseDelayMs: 10 },
  });
  const seen: FleetEvent[] = [];
  bus.subscribe("events", (m) => {
    if (m.kind === "event") seen.push(m.event);
  });
  const bodies: Array<{ body: string; signature: string }> = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      bodies.push({ body, signature: String(req.headers["x-fleetrun-signature"]) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  t.after(async () => {
    await events.close();
    receiver.closeAllConnections();
    await new Promise<void>((done) => receiver.close(() => done()));
    await raw.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const addRule = async (name: string, pattern: unknown, action: RuleAction) => {
    const sealed = box.seal("rule-secret", secretContext(`rule:${name}`));
    await store.createRule({
      name,
      description: "",
      pattern: JSON.stringify(pattern),
      action,
      secretCiphertext: sealed.ciphertext,
      secretNonce: sealed.nonce,
      createdAt: 0,
      createdBy: { accessKeyId: "AKIATEST", userName: "admin" },
    });
  };
  await store.createActivation(anActivation({ tags: [] }));
  return { store, bus, documents, events, seen, bodies, url, dataDir, addRule };
}

describe("event pipeline", () => {
  it("emits status-change events and Invocation notifications as a command runs", async (t) => {
    const fleet = await setup(t);
    const node = nodeId(1);
    await fleet.store.registerNode("act-1", "hash-1", aNode(node), 0);
    const command = await sendCommand(
      { store: fleet.store, documents: fleet.documents, clock: systemClock, ids: randomIds },
      {
        DocumentName: "AWS-RunShellScript",
        InstanceIds: [node],
        Parameters: { commands: ["true"] },
        NotificationConfig: { NotificationArn: fleet.url, NotificationEvents: ["All"], NotificationType: "Invocation" },
      },
      "AKIATEST",
    );
    const scheduler = new Scheduler(fleet.store, fleet.bus, systemClock);
    await scheduler.step(command.commandId);
    await fleet.store.updateInvocation(
      command.commandId,
      node,
      { status: "Success", statusDetails: "Success", endedAt: Date.now(), updatedAt: Date.now() },
      { unlessTerminal: true },
    );
    await scheduler.step(command.commandId);
    const statuses = await until(() => {
      const list = fleet.seen
        .filter((e) => e.source === "aws.ssm")
        .map((e) => `${e["detail-type"].split(" ")[2]}:${e.detail.status}`);
      return list.length >= 6 ? list : undefined;
    });
    assert.deepEqual(statuses, [
      "Status-change:Pending",
      "Invocation:Pending",
      "Invocation:InProgress",
      "Status-change:InProgress",
      "Invocation:Success",
      "Status-change:Success",
    ]);
    const registered = fleet.seen.find((e) => e["detail-type"] === "Managed Node Registered");
    assert.equal(registered?.detail["instance-id"], node);
    const messages = await until(() => (fleet.bodies.length >= 2 ? fleet.bodies : undefined));
    const secret = (await readWebhookSecret(fleet.dataDir)) ?? "";
    assert.deepEqual(
      messages.map((m) => [JSON.parse(m.body).status, JSON.parse(m.body).instanceId]),
      [
        ["InProgress", node],
        ["Success", node],
      ],
    );
    for (const m of messages) assert.equal(verifyBodySignature(secret, m.body, m.signature), true);
  });

  it("runs a rule's document on the node a registration event is about, and never loops", async (t) => {
    const fleet = await setup(t);
    await fleet.addRule(
      "setup",
      { source: ["fleetrun"], "detail-type": ["Managed Node Registered"] },
      { type: "run-document", documentName: "AWS-RunShellScript", parameters: { commands: ["echo setup"] } },
    );
    await fleet.addRule(
      "echo-all-ssm",
      { source: ["aws.ssm"] },
      { type: "run-document", documentName: "AWS-RunShellScript", parameters: { commands: ["echo loop"] } },
    );
    const node = nodeId(2);
    await fleet.store.registerNode("act-1", "hash-1", aNode(node), 0);
    const commands = await until(async () => {
      const page = await fleet.store.listCommands({}, { offset: 0, limit: 10 });
      return page.items.length > 0 ? page.items : undefined;
    });
    await fleet.events.close();
    assert.equal(commands.length, 1, "the rule's own command does not trigger the aws.ssm rule");
    assert.deepEqual(commands[0]?.instanceIds, [node]);
    assert.deepEqual(commands[0]?.parameters, { commands: ["echo setup"] });
    assert.equal(commands[0]?.comment, "fleetrun rule setup");
    const log = await fleet.store.listDeliveries({ source: "rule:setup" }, { offset: 0, limit: 10 });
    assert.deepEqual(
      log.items.map((d) => [d.status, d.response]),
      [["Delivered", commands[0]?.commandId]],
    );
  });

  it("POSTs matching events to a webhook rule, signed with the rule's secret", async (t) => {
    const fleet = await setup(t);
    await fleet.addRule(
      "lost",
      { "detail-type": [{ prefix: "Managed Node" }], detail: { "instance-id": [{ "anything-but": nodeId(3) }] } },
      { type: "webhook", url: fleet.url },
    );
    await fleet.store.registerNode("act-1", "hash-1", aNode(nodeId(3)), 0);
    await fleet.store.registerNode("act-1", "hash-1", aNode(nodeId(4)), 0);
    const [only] = await until(() => (fleet.bodies.length > 0 ? fleet.bodies : undefined));
    await fleet.events.close();
    assert.equal(fleet.bodies.length, 1);
    const event = JSON.parse(only?.body ?? "{}") as FleetEvent;
    assert.equal(event["detail-type"], "Managed Node Registered");
    assert.equal(event.detail["instance-id"], nodeId(4));
    assert.equal(verifyBodySignature("rule-secret", only?.body ?? "", only?.signature ?? ""), true);
  });
});
