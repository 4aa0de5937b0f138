import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FileLogStore } from "./file-log-store.ts";

describe("FileLogStore", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-logs-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps events per group and stream in write order, and lists groups and streams by prefix", async () => {
    const store = new FileLogStore(join(dir, "a"), () => 5);
    const ev = (timestamp: number, message: string, offset?: number) => ({
      timestamp,
      message,
      ingestionTime: timestamp + 1,
      ...(offset === undefined ? {} : { offset }),
    });
    await store.append("/aws/ssm/AWS-RunShellScript", "cmd/mi-1/aws-runShellScript/stdout", [
      ev(10, "one"),
      ev(20, "two"),
    ]);
    await store.append("/aws/ssm/AWS-RunShellScript", "cmd/mi-1/aws-runShellScript/stderr", [ev(15, "warn ü")]);
    await store.append("ops", "x/y", [ev(30, "other")]);

    assert.deepEqual(
      (await store.groups()).map((g) => g.logGroupName),
      ["/aws/ssm/AWS-RunShellScript", "ops"],
    );
    assert.deepEqual(
      (await store.groups("/aws/")).map((g) => [g.logGroupName, g.storedBytes, g.creationTime]),
      [["/aws/ssm/AWS-RunShellScript", 13, 5]],
    );
    const streams = await store.streams("/aws/ssm/AWS-RunShellScript", "cmd/mi-1/aws-runShellScript/std");
    assert.deepEqual(
      streams?.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp]),
      [
        ["cmd/mi-1/aws-runShellScript/stderr", 15, 15],
        ["cmd/mi-1/aws-runShellScript/stdout", 10, 20],
      ],
    );
    assert.equal(await store.streams("nope"), undefined);
    assert.equal(await store.events("ops", "nope"), undefined);
    assert.deepEqual(
      (await store.events("/aws/ssm/AWS-RunShellScript", "cmd/mi-1/aws-runShellScript/stdout"))?.map((e) => e.message),
      ["one", "two"],
    );
  });

  it("drops events at or before the stream's last offset, also after a restart", async () => {
    const root = join(dir, "b");
    const line = (offset: number, message: string) => ({ timestamp: 1, ingestionTime: 1, message, offset });
    const first = new FileLogStore(root);
    await Promise.all([
      first.append("g", "s", [line(0, "a"), line(2, "b")]),
      first.append("g", "s", [line(2, "b"), line(4, "c")]),
    ]);
    const second = new FileLogStore(root);
    await second.append("g", "s", [line(4, "c"), line(6, "d")]);
    assert.deepEqual(
      (await second.events("g", "s"))?.map((e) => e.message),
      ["a", "b", "c", "d"],
    );
  });
});
