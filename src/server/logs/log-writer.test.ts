import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import type { CommandRecord } from "../../core/model.ts";
import { aCommand } from "../../store/contract/fixtures.ts";
import { FileLogStore } from "../../store/logs/file-log-store.ts";
import { LogWriter } from "./log-writer.ts";

const LOGGED = "11111111-0000-0000-0000-000000000001";
const QUIET = "11111111-0000-0000-0000-000000000002";
const NODE = "mi-0000000000000000a";

describe("LogWriter", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-logwriter-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes each output line of CloudWatch-enabled commands to its group and stream, and nothing else", async () => {
    const bus = new MemoryBus();
    const commands = new Map<string, CommandRecord>([
      [
        LOGGED,
        aCommand(LOGGED, {
          documentName: "AWS-RunShellScript",
          status: "InProgress",
          cloudWatchOutputConfig: { CloudWatchLogGroupName: "", CloudWatchOutputEnabled: true },
        }),
      ],
      [
        QUIET,
        aCommand(QUIET, {
          status: "InProgress",
          cloudWatchOutputConfig: { CloudWatchLogGroupName: "", CloudWatchOutputEnabled: false },
        }),
      ],
    ]);
    let now = 1_000;
    const logs = new FileLogStore(dir);
    const writer = new LogWriter({
      bus,
      store: {
        getCommand: async (id) => commands.get(id),
        listActiveCommandIds: async () =>
          [...commands.values()].filter((c) => c.status === "InProgress").map((c) => c.commandId),
      },
      logs,
      clock: { now: () => now },
      log: pino({ level: "silent" }),
      sweepMs: 60_000,
    });
    writer.start();
    for (const id of [LOGGED, QUIET]) await bus.publish("scheduler", { kind: "command-changed", commandId: id });
    const chunk = (commandId: string, offset: number, text: string, stream: "stdout" | "stderr" = "stdout") =>
      bus.publish(`output.${commandId}`, {
        kind: "output",
        commandId,
        instanceId: NODE,
        step: "aws:runShellScript",
        stream,
        offset,
        text,
      });
    await chunk(LOGGED, 0, "first\nsec");
    await chunk(QUIET, 0, "not logged\n");
    await new Promise((r) => setTimeout(r, 10));
    now = 2_000;
    await chunk(LOGGED, 0, "first\nsec");
    await chunk(LOGGED, 9, "ond\nthird");
    await chunk(LOGGED, 0, "oops\n", "stderr");
    commands.set(LOGGED, { ...(commands.get(LOGGED) as CommandRecord), status: "Success" });
    await writer.sweep();
    await writer.sweep();
    await writer.stop();

    const group = "/aws/ssm/AWS-RunShellScript";
    assert.deepEqual(
      (await logs.groups()).map((g) => g.logGroupName),
      [group],
    );
    const stdout = await logs.events(group, `${LOGGED}/${NODE}/aws-runShellScript/stdout`);
    assert.deepEqual(
      stdout?.map((e) => [e.timestamp, e.message]),
      [
        [1_000, "first"],
        [2_000, "second"],
        [2_000, "third"],
      ],
    );
    const stderr = await logs.events(group, `${LOGGED}/${NODE}/aws-runShellScript/stderr`);
    assert.deepEqual(
      stderr?.map((e) => e.message),
      ["oops"],
    );
  });
});
