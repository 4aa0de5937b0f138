import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { SSMClient } from "@aws-sdk/client-ssm";
import { readCredentials } from "../../src/cli/credentials-file.ts";
import { invocation, waitCommand } from "../support/commands.ts";
import { waitFor } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");

function up(dataDir: string) {
  const child = spawn(process.execPath, [CLI, "up", "--data-dir", dataDir, "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, out: () => out, exited };
}

test("fleetrun up prints a send-command line that works as pasted, and keeps its node across restarts", {
  timeout: 90_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-up-"));
  const dataDir = join(dir, "data");
  try {
    const first = up(dataDir);
    const printed = await waitFor("the quick-start banner", () =>
      first.out().includes("Press Ctrl-C") ? first.out() : undefined,
    );
    const endpoint = printed.match(/endpoint:\s+(\S+)/)?.[1] ?? "";
    const nodeId = printed.match(/local node:\s+(mi-[0-9a-f]{17})/)?.[1] ?? "";
    const credentialsPath = printed.match(/credentials:\s+(\S+)/)?.[1] ?? "";
    assert.equal(credentialsPath, join(dataDir, "admin-credentials"));
    assert.equal((await stat(credentialsPath)).mode & 0o777, 0o600);
    const lines = printed.split("\n");
    const start = lines.findIndex((l) => l.includes("ssm send-command"));
    const command = `${lines[start]?.trim().replace(/\\$/, "")} ${lines[start + 1]?.trim()} --query Command.CommandId --output text`;

    const { stdout } = await promisify(execFile)("sh", ["-c", command], {
      env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true", AWS_PAGER: "" },
      timeout: 30_000,
    });
    const commandId = stdout.trim();
    const ssm = new SSMClient({ endpoint, region: "us-east-1", credentials: await readCredentials(credentialsPath) });
    assert.equal((await waitCommand(ssm, commandId)).Status, "Success");
    assert.match((await invocation(ssm, commandId, nodeId)).StandardOutputContent ?? "", /Linux/);
    ssm.destroy();

    first.child.kill("SIGTERM");
    assert.equal(await first.exited, 0, "SIGTERM drains and exits 0");

    const second = up(dataDir);
    const again = await waitFor("the second banner", () =>
      second.out().includes("Press Ctrl-C") ? second.out() : undefined,
    );
    assert.equal(again.match(/local node:\s+(mi-[0-9a-f]{17})/)?.[1], nodeId, "the local agent keeps its identity");
    second.child.kill("SIGTERM");
    await second.exited;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
