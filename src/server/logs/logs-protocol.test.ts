import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FileLogStore } from "../../store/logs/file-log-store.ts";
import type { AwsRequest } from "../http/aws-protocol.ts";
import { LogsError } from "./logs-error.ts";
import { LogsProtocol } from "./logs-protocol.ts";

const GROUP = "/aws/ssm/AWS-RunShellScript";
const caller = { accessKeyId: "AKIA1", userName: "alice", sourceIp: "::1", secureTransport: false };

describe("LogsProtocol", () => {
  let dir = "";
  let protocol: LogsProtocol;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-logsapi-"));
    const logs = new FileLogStore(dir, () => 1);
    const ev = (timestamp: number, message: string) => ({ timestamp, message, ingestionTime: timestamp });
    await logs.append(GROUP, "c1/mi-a/aws-runShellScript/stdout", [
      ev(100, "a1"),
      ev(200, "a2 disk full"),
      ev(300, "a3"),
    ]);
    await logs.append(GROUP, "c1/mi-b/aws-runShellScript/stdout", [ev(150, "b1"), ev(250, "b2 disk ok")]);
    await logs.append(GROUP, "c2/mi-a/aws-runShellScript/stdout", [ev(400, "other command")]);
    await logs.append("ops", "x", [ev(1, "x")]);
    protocol = new LogsProtocol({ logs, region: "us-east-1", accountId: "123456789012" });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // biome-ignore lint/suspicious/noExplicitAny: responses are read as untyped JSON by assertions.
  async function call(operation: string, body: unknown): Promise<any> {
    const request: AwsRequest = {
      method: "POST",
      url: "/",
      headers: { "x-amz-target": `Logs_20140328.${operation}` },
      body: Buffer.from(JSON.stringify(body)),
      sourceIp: "::1",
      secure: false,
      requestId: "r",
    };
    assert.ok(protocol.matches(request));
    const { response } = await protocol.handle(request, caller);
    return JSON.parse(response.body.toString());
  }

  it("lists groups by prefix and a group's streams by prefix", async () => {
    const groups = await call("DescribeLogGroups", { logGroupNamePrefix: "/aws/ssm/" });
    assert.deepEqual(
      groups.logGroups.map((g: { logGroupName: string }) => g.logGroupName),
      [GROUP],
    );
    assert.equal(groups.logGroups[0].arn, `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`);
    const streams = await call("DescribeLogStreams", { logGroupName: GROUP, logStreamNamePrefix: "c1/" });
    assert.deepEqual(
      streams.logStreams.map((s: { logStreamName: string }) => s.logStreamName),
      ["c1/mi-a/aws-runShellScript/stdout", "c1/mi-b/aws-runShellScript/stdout"],
    );
    assert.equal(streams.logStreams[0].lastEventTimestamp, 300);
  });

  it("GetLogEvents reads a stream by time range, from the head or the tail, page by page", async () => {
    const stream = { logGroupName: GROUP, logStreamName: "c1/mi-a/aws-runShellScript/stdout" };
    const ranged = await call("GetLogEvents", { ...stream, startTime: 150, endTime: 300, startFromHead: true });
    assert.deepEqual(
      ranged.events.map((e: { message: string }) => e.message),
      ["a2 disk full"],
    );
    const tail = await call("GetLogEvents", { ...stream, limit: 2 });
    assert.deepEqual(
      tail.events.map((e: { message: string }) => e.message),
      ["a2 disk full", "a3"],
    );
    const first = await call("GetLogEvents", { ...stream, limit: 2, startFromHead: true });
    const second = await call("GetLogEvents", { ...stream, limit: 2, nextToken: first.nextForwardToken });
    const end = await call("GetLogEvents", { ...stream, limit: 2, nextToken: second.nextForwardToken });
    assert.deepEqual(
      [...first.events, ...second.events].map((e: { message: string }) => e.message),
      ["a1", "a2 disk full", "a3"],
    );
    assert.deepEqual(end.events, []);
    assert.equal(end.nextForwardToken, second.nextForwardToken, "at the end the forward token stays the same");
  });

  it("FilterLogEvents merges streams by time, filtered by prefix, time range and pattern, with pages", async () => {
    const all = await call("FilterLogEvents", { logGroupName: GROUP, logStreamNamePrefix: "c1/" });
    assert.deepEqual(
      all.events.map((e: { message: string }) => e.message),
      ["a1", "b1", "a2 disk full", "b2 disk ok", "a3"],
    );
    const ranged = await call("FilterLogEvents", { logGroupName: GROUP, startTime: 150, endTime: 250 });
    assert.deepEqual(
      ranged.events.map((e: { message: string }) => e.message),
      ["b1", "a2 disk full", "b2 disk ok"],
    );
    const pattern = await call("FilterLogEvents", { logGroupName: GROUP, filterPattern: 'disk -"disk ok"' });
    assert.deepEqual(
      pattern.events.map((e: { logStreamName: string; message: string }) => `${e.logStreamName}:${e.message}`),
      ["c1/mi-a/aws-runShellScript/stdout:a2 disk full"],
    );
    const messages: string[] = [];
    let token: string | undefined;
    do {
      const page = await call("FilterLogEvents", {
        logGroupName: GROUP,
        limit: 2,
        ...(token ? { nextToken: token } : {}),
      });
      messages.push(...page.events.map((e: { message: string }) => e.message));
      token = page.nextToken;
    } while (token);
    assert.equal(messages.length, 6);
    assert.equal(new Set(all.events.map((e: { eventId: string }) => e.eventId)).size, 5);
  });

  it("answers unknown groups, streams, operations and bad parameters with CloudWatch Logs errors", async () => {
    const code = (p: Promise<unknown>, expected: string) =>
      assert.rejects(p, (e: unknown) => e instanceof LogsError && e.code === expected);
    await code(call("DescribeLogStreams", { logGroupName: "nope" }), "ResourceNotFoundException");
    await code(call("GetLogEvents", { logGroupName: GROUP, logStreamName: "nope" }), "ResourceNotFoundException");
    await code(
      call("FilterLogEvents", { logGroupName: GROUP, logStreamNames: ["a"], logStreamNamePrefix: "a" }),
      "InvalidParameterException",
    );
    await code(
      call("GetLogEvents", { logGroupName: GROUP, logStreamName: "x", limit: 0 }),
      "InvalidParameterException",
    );
    await code(call("PutLogEvents", {}), "UnknownOperationException");
    const encoded = protocol.encodeError(new LogsError("ResourceNotFoundException", "gone"));
    assert.equal(encoded.status, 400);
    assert.deepEqual(JSON.parse(encoded.body.toString()), { __type: "ResourceNotFoundException", message: "gone" });
  });
});
