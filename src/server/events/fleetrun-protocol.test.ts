import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it, type TestContext } from "node:test";
import { DocumentService } from "../../core/documents/document-service.ts";
import { type PolicyDocument, parsePolicy } from "../../core/policies/index.ts";
import { systemClock } from "../../core/ports/clock.ts";
import { openStore } from "../../store/open-store.ts";
import type { AwsRequest } from "../http/aws-protocol.ts";
import { randomIds } from "../random-ids.ts";
import { SecretBox } from "../secrets/secret-box.ts";
import { secretContext } from "./fleetrun-api-context.ts";
import { FleetrunProtocol } from "./fleetrun-protocol.ts";

const policy = (action: string) =>
  parsePolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"*"}]}`);

async function setup(t: TestContext, policies: PolicyDocument[] = [policy("*")]) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  const box = new SecretBox(randomBytes(32));
  let rulesChanged = 0;
  const protocol = new FleetrunProtocol(
    {
      ...{ store, clock: systemClock, ids: randomIds, box, region: "eu-west-1", accountId: "123456789012" },
      documents: new DocumentService({ store, clock: systemClock, accountId: "123456789012" }),
      rulesChanged: () => {
        rulesChanged++;
      },
    },
    { policiesFor: async () => policies },
  );
  const caller = { accessKeyId: "AKIATEST", userName: "alice", sourceIp: "127.0.0.1", secureTransport: false };
  /** Calls an operation; returns [HTTP status, JSON body] as a client sees them. */
  const call = async (operation: string, input: unknown): Promise<[number, Record<string, unknown>]> => {
    const request: AwsRequest = {
      ...{ method: "POST", url: "/", body: Buffer.from(JSON.stringify(input)), sourceIp: "127.0.0.1" },
      ...{ headers: { "x-amz-target": `Fleetrun.${operation}` }, secure: false, requestId: "r" },
    };
    assert.equal(protocol.matches(request), true);
    try {
      const { response } = await protocol.handle(request, caller);
      return [response.status, JSON.parse(response.body.toString())];
    } catch (error) {
      const response = protocol.encodeError(error);
      return [response.status, JSON.parse(response.body.toString())];
    }
  };
  return { store, box, call, rulesChanged: () => rulesChanged };
}

describe("the Fleetrun API", () => {
  it("creates a topic once, with a signing secret that only its own context opens", async (t) => {
    const { call, store, box } = await setup(t);
    const [status, out] = await call("CreateTopic", { Name: "ops-alerts" });
    assert.equal(status, 200);
    assert.equal(out.TopicArn, "arn:aws:sns:eu-west-1:123456789012:ops-alerts");
    const topic = await store.getTopic("ops-alerts");
    const sealed = { ciphertext: topic?.secretCiphertext ?? "", nonce: topic?.secretNonce ?? "" };
    assert.equal(box.open(sealed, secretContext("topic:ops-alerts")), out.SigningSecret);
    assert.equal(box.open(sealed, secretContext("topic:other")), undefined);
    assert.equal((await call("CreateTopic", { Name: "ops-alerts" }))[1].__type, "ResourceAlreadyExistsException");
    assert.equal((await call("CreateTopic", { Name: "bad name" }))[1].__type, "ValidationException");
  });

  it("subscribes webhooks to existing topics by name or ARN, lists and removes them", async (t) => {
    const { call } = await setup(t);
    await call("CreateTopic", { Name: "ops" });
    const [, sub] = await call("Subscribe", {
      Topic: "arn:aws:sns:eu-west-1:123456789012:ops",
      Endpoint: "https://hooks.example/ssm",
    });
    assert.match(String(sub.SubscriptionArn), /^arn:aws:sns:eu-west-1:123456789012:ops:[0-9a-f-]{36}$/);
    assert.equal((await call("Subscribe", { Topic: "ops", Endpoint: "ftp://x" }))[1].__type, "ValidationException");
    assert.equal(
      (await call("Subscribe", { Topic: "nope", Endpoint: "http://x" }))[1].__type,
      "ResourceNotFoundException",
    );
    const [, list] = await call("ListSubscriptions", { Topic: "ops" });
    assert.deepEqual(
      (list.Subscriptions as Array<Record<string, unknown>>).map((s) => s.Endpoint),
      ["https://hooks.example/ssm"],
    );
    assert.equal((await call("Unsubscribe", { SubscriptionArn: sub.SubscriptionArn }))[0], 200);
    assert.equal(
      (await call("Unsubscribe", { SubscriptionArn: sub.SubscriptionArn }))[1].__type,
      "ResourceNotFoundException",
    );
    assert.equal((await call("DeleteTopic", { Topic: "ops" }))[0], 200);
    assert.deepEqual((await call("ListTopics", {}))[1].Topics, []);
  });

  it("validates rules: pattern, exactly one action, an existing document", async (t) => {
    const { call, rulesChanged } = await setup(t);
    const pattern = '{"source":["fleetrun"],"detail-type":["Managed Node Registered"]}';
    const [, bad] = await call("CreateRule", { Name: "r", EventPattern: '{"source":"fleetrun"}', Webhook: "http://x" });
    assert.equal(bad.__type, "InvalidEventPatternException");
    assert.match(String(bad.message), /source must be an array/);
    assert.equal((await call("CreateRule", { Name: "r", EventPattern: pattern }))[1].__type, "ValidationException");
    const [, noDoc] = await call("CreateRule", {
      Name: "r",
      EventPattern: pattern,
      RunDocument: { DocumentName: "Nope" },
    });
    assert.equal(noDoc.__type, "InvalidDocument");
    const [, hook] = await call("CreateRule", {
      Name: "hook",
      EventPattern: pattern,
      Webhook: "https://hooks.example/e",
    });
    assert.equal(hook.RuleArn, "arn:aws:events:eu-west-1:123456789012:rule/hook");
    assert.equal(typeof hook.SigningSecret, "string");
    const [, run] = await call("CreateRule", {
      Name: "setup",
      EventPattern: pattern,
      RunDocument: { DocumentName: "AWS-RunShellScript", Parameters: { commands: ["echo hi"] } },
    });
    assert.equal(run.SigningSecret, undefined);
    assert.equal(rulesChanged(), 2);
    const [, list] = await call("ListRules", {});
    assert.deepEqual(
      (list.Rules as Array<Record<string, unknown>>).map((r) => [r.Name, r.Webhook, r.RunDocument, r.CreatedBy]),
      [
        ["hook", "https://hooks.example/e", undefined, "alice"],
        ["setup", undefined, { DocumentName: "AWS-RunShellScript", Parameters: { commands: ["echo hi"] } }, "alice"],
      ],
    );
    assert.equal((await call("DeleteRule", { Name: "hook" }))[0], 200);
    assert.equal((await call("DeleteRule", { Name: "hook" }))[1].__type, "ResourceNotFoundException");
  });

  it("tests an event against a pattern", async (t) => {
    const { call } = await setup(t);
    const event = JSON.stringify({ source: "aws.ssm", detail: { status: "Failed" } });
    const pattern = (status: unknown) => JSON.stringify({ detail: { status } });
    assert.equal((await call("TestEventPattern", { EventPattern: pattern(["Failed"]), Event: event }))[1].Result, true);
    const [, no] = await call("TestEventPattern", {
      EventPattern: pattern([{ "anything-but": "Failed" }]),
      Event: event,
    });
    assert.equal(no.Result, false);
  });

  it("authorizes each operation as fleetrun:<Operation>", async (t) => {
    const { call } = await setup(t, [policy("fleetrun:List*")]);
    assert.equal((await call("ListTopics", {}))[0], 200);
    const [status, denied] = await call("CreateTopic", { Name: "ops" });
    assert.equal(status, 400);
    assert.equal(denied.__type, "AccessDeniedException");
    assert.match(String(denied.message), /fleetrun:CreateTopic/);
    assert.equal((await call("Nope", {}))[1].__type, "UnknownOperationException");
  });
});
