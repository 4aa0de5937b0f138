import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { DescribeActivationsCommand, DescribeInstanceInformationCommand, SSMClient } from "@aws-sdk/client-ssm";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { Fleet, waitFor } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");
const AWS = "/usr/bin/aws";

/** Runs `fleetrun ARGS` to its end (or kills it after `timeoutMs`). */
function fleetrun(
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs the aws CLI v2 with the fleet's credentials; `env` adds to (or, with "", removes from) the environment. */
function aws(fleet: Fleet, args: string[], env: Record<string, string> = {}) {
  const merged: Record<string, string | undefined> = { ...process.env, ...fleet.cliEnv(), ...env };
  for (const [k, v] of Object.entries(env)) if (v === "") delete merged[k];
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      AWS,
      [...args, "--endpoint-url", fleet.url, "--output", "json"],
      { env: merged, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("TLS: the server with --tls auto", () => {
  let fleet: Fleet;
  let caFingerprint: string;
  before(async () => {
    fleet = await Fleet.start({ serverArgs: ["--tls", "auto"] });
    caFingerprint = new X509Certificate(await readFile(fleet.caFile, "utf8")).fingerprint256;
  });
  after(async () => fleet?.stop());

  test("serves HTTPS and prints the CA file and its SHA-256 fingerprint", () => {
    assert.match(fleet.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const out = fleet.server.stdout();
    assert.ok(out.includes(`TLS CA certificate: ${fleet.caFile} (created)`), out);
    assert.ok(out.includes(`TLS CA SHA-256 fingerprint: ${caFingerprint}`), out);
  });

  test("the aws CLI works with --ca-bundle DATA_DIR/tls/ca.pem and refuses the server without it", {
    skip: existsSync(AWS) ? false : `aws CLI v2 missing at ${AWS}`,
  }, async () => {
    const trusted = await aws(fleet, ["ssm", "describe-instance-information", "--ca-bundle", fleet.caFile], {
      AWS_CA_BUNDLE: "",
    });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.ok(Array.isArray(JSON.parse(trusted.stdout).InstanceInformationList));
    const untrusted = await aws(fleet, ["ssm", "describe-instance-information", "--cli-read-timeout", "5"], {
      AWS_CA_BUNDLE: "",
    });
    assert.notEqual(untrusted.code, 0);
    assert.match(untrusted.stderr, /SSL|certificate/i);
  });

  test("the SDK works with an https agent trusting the CA, and not without it", async () => {
    const out = await fleet.ssm.send(new DescribeInstanceInformationCommand({}));
    assert.ok(Array.isArray(out.InstanceInformationList));
    const naive = new SSMClient({
      endpoint: fleet.url,
      region: "us-east-1",
      credentials: fleet.credentials,
      maxAttempts: 1,
    });
    await assert.rejects(naive.send(new DescribeInstanceInformationCommand({})), /self[- ]signed certificate/i);
    naive.destroy();
  });

  test("an agent with --ca-file registers over HTTPS and runs a command over WSS", { timeout: 60_000 }, async () => {
    const agent = await fleet.addAgent("ca-file", undefined, ["--ca-file", fleet.caFile]);
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo over-tls"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
    assert.match((await invocation(fleet.ssm, id, agent.instanceId)).StandardOutputContent ?? "", /over-tls/);
    const identity = JSON.parse(await readFile(join(agent.stateDir, "identity.json"), "utf8"));
    assert.equal(identity.caCertificate.trim(), (await readFile(fleet.caFile, "utf8")).trim(), "the CA is kept");
  });

  test("an agent pinning the CA fingerprint registers, and later runs with --state-dir only keep the pin", {
    timeout: 60_000,
  }, async () => {
    const agent = await fleet.addAgent("pinned", undefined, ["--server-fingerprint", caFingerprint.toLowerCase()]);
    await agent.kill();
    const identity = JSON.parse(await readFile(join(agent.stateDir, "identity.json"), "utf8"));
    assert.equal(identity.serverFingerprint, caFingerprint);
    agent.proc = spawnAgent(["agent", "--state-dir", agent.stateDir]);
    await fleet.waitOnline(agent.instanceId);
    const id = await send(fleet.ssm, { InstanceIds: [agent.instanceId], commands: ["echo pinned"] });
    assert.equal((await waitCommand(fleet.ssm, id)).Status, "Success");
  });

  test("an agent with a wrong --server-fingerprint is refused with a clear error and never registers", async () => {
    const activation = await fleet.createActivation(1);
    const stateDir = join(fleet.dir, "agent-wrong-pin");
    const wrong = `${"0F:".repeat(31)}0F`;
    const run = await fleetrun(agentArgs(fleet, activation, stateDir, ["--server-fingerprint", wrong]));
    assert.equal(run.code, 1);
    assert.ok(run.stderr.includes(`expected ${wrong}`), run.stderr);
    assert.ok(run.stderr.includes(caFingerprint), `names what the server presented: ${run.stderr}`);
    assert.equal(existsSync(join(stateDir, "identity.json")), false);
    assert.equal(await registrations(fleet, activation.id), 0, "the activation was never used");
  });

  test("an agent with no trust settings fails verification of the self-signed server", async () => {
    const activation = await fleet.createActivation(1);
    const stateDir = join(fleet.dir, "agent-no-trust");
    const run = await fleetrun(agentArgs(fleet, activation, stateDir, []));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot verify the TLS certificate .*self-signed.*--ca-file FILE or --server-fingerprint/);
    assert.equal(await registrations(fleet, activation.id), 0);
  });

  test("an agent refuses plain http to another machine unless --allow-plain-http", async () => {
    const run = await fleetrun([
      "agent",
      ...["--server", "http://192.0.2.10:8080", "--state-dir", join(fleet.dir, "agent-plain")],
      ...["--activation-id", "00000000-0000-0000-0000-000000000000", "--activation-code", "x".repeat(20)],
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /refusing plain http to 192\.0\.2\.10:8080/);
  });

  /** A fleetrun process with output collected, killed by the fleet's stop() through the handle. */
  function spawnAgent(args: string[]) {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    return { child, stdout: () => out, stderr: () => err, exited };
  }
});

describe("TLS: plain HTTP off loopback", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-plain-"));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test("--listen 0.0.0.0:0 without TLS refuses to start", async () => {
    const run = await fleetrun(["server", "--data-dir", join(dir, "a"), "--listen", "0.0.0.0:0"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /refusing to serve plain HTTP on 0\.0\.0\.0.*--tls auto.*--allow-plain-http/);
  });

  test("--listen 0.0.0.0:0 --allow-plain-http starts", async () => {
    const child = spawn(
      process.execPath,
      [CLI, "server", "--data-dir", join(dir, "b"), "--listen", "0.0.0.0:0", "--allow-plain-http"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise((done) => child.on("exit", done));
    try {
      await waitFor("the server to listen", () => out.match(/listening on (http:\/\/0\.0\.0\.0:\d+)/)?.[1]);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});

function agentArgs(
  fleet: Fleet,
  activation: { id: string; code: string },
  stateDir: string,
  extra: string[],
): string[] {
  return [
    "agent",
    ...["--server", fleet.url, "--activation-id", activation.id, "--activation-code", activation.code],
    ...["--state-dir", stateDir, ...extra],
  ];
}

async function registrations(fleet: Fleet, activationId: string): Promise<number | undefined> {
  const out = await fleet.ssm.send(
    new DescribeActivationsCommand({ Filters: [{ FilterKey: "ActivationIds", FilterValues: [activationId] }] }),
  );
  return out.ActivationList?.[0]?.RegistrationsCount;
}
