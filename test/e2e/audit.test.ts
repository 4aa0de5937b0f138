import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { CloudTrailClient, type Event, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateDocumentCommand, DescribeInstanceInformationCommand, SSMClient } from "@aws-sdk/client-ssm";
import BetterSqlite3 from "better-sqlite3";
import { send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet, waitFor } from "../support/fleet.ts";

const FLEETRUN = resolve(import.meta.dirname, "../../bin/fleetrun.js");
const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
const CLIS = [
  { name: "v1", bin: "aws" },
  { name: "v2", bin: "/usr/bin/aws" },
] as const;

/** Secret values that must never reach the trail or the server's logs. */
const MOTTO = "carpe-diem-4f1c";
const DB_PASSWORD = "hunter2-9a7e";

/** The document: `motto` is secret by `noEcho`, `dbPassword` by its name, `who` is not secret. */
const SECRET_DOCUMENT = JSON.stringify({
  schemaVersion: "2.2",
  description: "audit e2e",
  parameters: {
    motto: { type: "String", noEcho: true, allowedPattern: "^[a-z0-9-]*$" },
    dbPassword: { type: "String", allowedPattern: "^[a-z0-9-]*$" },
    who: { type: "String", allowedPattern: "^[a-z]*$" },
  },
  mainSteps: [{ action: "aws:runShellScript", name: "run", inputs: { runCommand: ["echo done"] } }],
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(bin: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(bin, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") fail(new Error(`${bin} did not run: ${error.message}\n${stderr}`));
      else done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: CloudTrail events are untyped JSON read by assertions.
type Json = any;

describe("the audit trail records every call and agent event, and detects tampering", () => {
  let fleet: Fleet;
  let agent: AgentHandle;
  let activation: { id: string; code: string };
  let commandId: string;
  let secretCommandId: string;
  let cloudtrail: CloudTrailClient;
  const fleetrun = (args: string[]) => exec(process.execPath, [FLEETRUN, ...args], fleet.cliEnv());

  /** Every event the trail holds that matches one attribute, through the SDK, newest first. */
  async function lookup(key: "EventName" | "Username" | "AccessKeyId", value: string): Promise<Event[]> {
    const events: Event[] = [];
    let token: string | undefined;
    do {
      const out = await cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: key, AttributeValue: value }],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      events.push(...(out.Events ?? []));
      token = out.NextToken;
    } while (token);
    return events;
  }

  /** Waits for the first recorded event `matches` accepts (records are written just after the call). */
  function recorded(eventName: string, matches: (record: Json) => boolean): Promise<Json> {
    return waitFor(`a ${eventName} record`, async () => {
      for (const event of await lookup("EventName", eventName)) {
        const record = JSON.parse(event.CloudTrailEvent ?? "{}");
        if (matches(record)) return record;
      }
      return undefined;
    });
  }

  before(async () => {
    fleet = await Fleet.start();
    cloudtrail = new CloudTrailClient({
      endpoint: fleet.url,
      region: "us-east-1",
      credentials: fleet.credentials,
      maxAttempts: 1,
    });
    activation = await fleet.createActivation(1);
    agent = await fleet.addAgent("audited", activation);
    commandId = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo audited"] });
    await waitCommand(fleet.ssm, commandId);
    await fleet.ssm.send(
      new CreateDocumentCommand({ Name: "Audit-Secret", Content: SECRET_DOCUMENT, DocumentType: "Command" }),
    );
    secretCommandId = await send(fleet.ssm, {
      DocumentName: "Audit-Secret",
      InstanceIds: [agent.instanceId],
      Parameters: { motto: [MOTTO], dbPassword: [DB_PASSWORD], who: ["world"] },
    });
    await waitCommand(fleet.ssm, secretCommandId);
  });
  after(async () => {
    cloudtrail?.destroy();
    await fleet?.stop();
  });

  for (const cli of CLIS) {
    test(`aws cloudtrail lookup-events (${cli.name}) finds SendCommand with CloudTrail's fields`, async () => {
      await recorded("SendCommand", (r) => r.responseElements?.Command?.CommandId === commandId);
      const run = await exec(
        cli.bin,
        [
          ...["cloudtrail", "lookup-events", "--endpoint-url", fleet.url, "--output", "json"],
          ...["--lookup-attributes", "AttributeKey=EventName,AttributeValue=SendCommand"],
        ],
        fleet.cliEnv(),
      );
      assert.equal(run.code, 0, run.stderr);
      const events: Json[] = JSON.parse(run.stdout).Events;
      assert.deepEqual(new Set(events.map((e) => e.EventName)), new Set(["SendCommand"]));
      const event = events.find(
        (e) => JSON.parse(e.CloudTrailEvent).responseElements?.Command?.CommandId === commandId,
      );
      assert.ok(event, "the SendCommand of the test is listed");
      assert.equal(event.ReadOnly, "false");
      assert.equal(event.Username, "admin");
      assert.equal(event.AccessKeyId, fleet.credentials.accessKeyId);
      assert.equal(event.EventSource, "ssm.amazonaws.com");
      assert.ok(event.EventTime);
      assert.ok(event.Resources.some((r: Json) => r.ResourceName === agent.instanceId));
      const record = JSON.parse(event.CloudTrailEvent);
      assert.equal(record.eventVersion, "1.08");
      assert.equal(record.eventType, "AwsApiCall");
      assert.equal(record.eventID, event.EventId);
      assert.match(record.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(record.sourceIPAddress, "127.0.0.1");
      assert.match(record.userAgent, /aws-sdk-js/);
      assert.match(record.requestID, /^[0-9a-f-]{36}$/);
      assert.deepEqual(record.userIdentity, {
        type: "IAMUser",
        principalId: "admin",
        arn: "arn:aws:iam::000000000000:user/admin",
        accountId: "000000000000",
        accessKeyId: fleet.credentials.accessKeyId,
        userName: "admin",
      });
      assert.deepEqual(record.requestParameters.InstanceIds, [agent.instanceId]);
      assert.deepEqual(record.requestParameters.Parameters, { commands: ["echo audited"] });
    });
  }

  test("secret parameters are hidden in request and response, by noEcho and by name", async () => {
    const record = await recorded("SendCommand", (r) => r.responseElements?.Command?.CommandId === secretCommandId);
    const hidden = { motto: [HIDDEN], dbPassword: [HIDDEN], who: ["world"] };
    assert.deepEqual(record.requestParameters.Parameters, hidden);
    assert.deepEqual(record.responseElements.Command.Parameters, hidden);
  });

  test("CreateActivation's code is hidden; the agent's registration, connection and results are recorded", async () => {
    const created = await recorded("CreateActivation", (r) => r.responseElements?.ActivationId === activation.id);
    assert.equal(created.responseElements.ActivationCode, HIDDEN);
    const registered = await recorded(
      "RegisterManagedInstance",
      (r) => r.userIdentity.principalId === agent.instanceId,
    );
    assert.equal(registered.eventType, "AwsServiceEvent");
    assert.equal(registered.eventSource, "ssm.amazonaws.com");
    assert.equal(registered.requestParameters.activationId, activation.id);
    assert.equal(registered.requestParameters.activationCode, HIDDEN);
    const connected = await recorded("AgentConnected", (r) => r.userIdentity.principalId === agent.instanceId);
    assert.deepEqual(connected.userIdentity, {
      type: "ManagedInstance",
      principalId: agent.instanceId,
      accountId: "000000000000",
    });
    const result = await recorded("SendCommandResult", (r) => r.requestParameters.commandId === commandId);
    assert.deepEqual(result.requestParameters, {
      instanceId: agent.instanceId,
      commandId,
      status: "Success",
      responseCode: 0,
    });
    assert.equal(result.errorCode, undefined);
    const byNode = await lookup("Username", agent.instanceId);
    assert.ok(byNode.some((e) => e.EventName === "SendCommandResult"));
  });

  test("a call with a bad signature is recorded with its error and an Unknown identity", async () => {
    const forger = new SSMClient({
      endpoint: fleet.url,
      region: "us-east-1",
      credentials: { accessKeyId: fleet.credentials.accessKeyId, secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    await assert.rejects(forger.send(new DescribeInstanceInformationCommand({})), /signature/i);
    forger.destroy();
    const record = await recorded("DescribeInstanceInformation", (r) => r.errorCode === "InvalidSignatureException");
    assert.deepEqual(record.userIdentity, { type: "Unknown", accessKeyId: fleet.credentials.accessKeyId });
    assert.equal(record.readOnly, true);
    assert.ok(record.errorMessage);
  });

  test("fleetrun audit shows the same events", async () => {
    const json = await fleetrun([
      "audit",
      "--endpoint-url",
      fleet.url,
      "--event-name",
      "SendCommand",
      "--output",
      "json",
    ]);
    assert.equal(json.code, 0, json.stderr);
    const ids = JSON.parse(json.stdout).Events.map(
      (e: Json) => JSON.parse(e.CloudTrailEvent).responseElements?.Command?.CommandId,
    );
    assert.ok(ids.includes(commandId) && ids.includes(secretCommandId));
    const table = await fleetrun(["audit", "--endpoint-url", fleet.url, "--username", agent.instanceId, "--max", "3"]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split("\n");
    assert.match(lines[0] ?? "", /^TIME\s+EVENT\s+USER/);
    assert.equal(lines.length, 4);
    assert.ok(lines.slice(1).every((l) => l.includes(agent.instanceId)));
  });

  test("no secret reaches the trail or the server's logs; verify passes, then names an edited and a deleted record", async () => {
    await fleet.killServer("SIGTERM");
    const logs = fleet.server.stdout() + fleet.server.stderr();
    const db = new BetterSqlite3(resolve(fleet.dataDir, "fleetrun.db"));
    try {
      const trail = (db.prepare("SELECT record FROM audit_events").all() as Array<{ record: string }>)
        .map((r) => r.record)
        .join("\n");
      for (const secret of [activation.code, MOTTO, DB_PASSWORD, fleet.credentials.secretAccessKey]) {
        assert.ok(!trail.includes(secret), "a secret is in the audit trail");
        assert.ok(!logs.includes(secret), "a secret is in the server's logs");
      }
      const intact = await fleetrun(["audit", "verify", "--data-dir", fleet.dataDir]);
      assert.equal(intact.code, 0, intact.stderr);
      assert.match(intact.stdout, /^audit trail OK: \d+ records, chain head [0-9a-f]{64}\n$/);

      const target = db
        .prepare("SELECT seq, record FROM audit_events WHERE event_name = 'SendCommand' ORDER BY seq LIMIT 1")
        .get() as { seq: number; record: string };
      const edit = db.prepare("UPDATE audit_events SET record = ? WHERE seq = ?");
      edit.run(target.record.replace(commandId, "00000000-0000-0000-0000-000000000000"), target.seq);
      const edited = await fleetrun(["audit", "verify", "--data-dir", fleet.dataDir]);
      assert.equal(edited.code, 1);
      assert.match(edited.stderr, new RegExp(`BROKEN at record ${target.seq} .*SendCommand.*was modified`));
      edit.run(target.record, target.seq);
      assert.equal((await fleetrun(["audit", "verify", "--data-dir", fleet.dataDir])).code, 0);

      db.prepare("DELETE FROM audit_events WHERE seq = ?").run(target.seq);
      const deleted = await fleetrun(["audit", "verify", "--data-dir", fleet.dataDir]);
      assert.equal(deleted.code, 1);
      assert.match(deleted.stderr, new RegExp(`BROKEN at record ${target.seq}: record ${target.seq} is missing`));
    } finally {
      db.close();
    }
  });
});
