import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { Fleet } from "../support/fleet.ts";

const CLI = resolve(import.meta.dirname, "../../bin/fleetrun.js");
let fleet: Fleet;
let dir: string;
before(async () => {
  fleet = await Fleet.start();
  dir = await mkdtemp(join(tmpdir(), "fleetrun-doc-cli-"));
});
after(async () => {
  await fleet?.stop();
  await rm(dir, { recursive: true, force: true });
});

const spliced = `schemaVersion: "2.2"
description: greets someone, unsafely
parameters:
  name:
    type: String
mainSteps:
  - action: aws:runShellScript
    name: greet
    inputs:
      runCommand:
        - echo "hello {{ name }}"
`;

const safe = `schemaVersion: "2.2"
description: greets someone through the environment
parameters:
  name:
    type: String
    interpolationType: ENV_VAR
mainSteps:
  - action: aws:runShellScript
    name: greet
    inputs:
      runCommand:
        - echo "hello $SSM_name"
`;

async function fleetrun(...args: string[]) {
  return promisify(execFile)(process.execPath, [CLI, ...args, "--endpoint-url", fleet.url], {
    env: { ...process.env, ...fleet.cliEnv() },
    timeout: 30_000,
  });
}

test("fleetrun documents create reports a parameter spliced into script text, and is quiet for ENV_VAR", async () => {
  await writeFile(join(dir, "spliced.yaml"), spliced);
  const unsafe = await fleetrun(
    "documents",
    "create",
    "--name",
    "Greet-Unsafe",
    "--document-format",
    "YAML",
    "--content",
    `file://${join(dir, "spliced.yaml")}`,
  );
  assert.match(unsafe.stderr, /^warning: parameter "name" is spliced into mainSteps\[0\]\.inputs\.runCommand\[0\]/m);
  const description = (
    JSON.parse(unsafe.stdout) as { DocumentDescription: { StatusInformation?: string; Status: string } }
  ).DocumentDescription;
  assert.match(description.StatusInformation ?? "", /spliced/);
  assert.equal(description.Status, "Active");

  await writeFile(join(dir, "safe.yaml"), safe);
  const quiet = await fleetrun(
    "documents",
    "create",
    "--name",
    "Greet-Safe",
    "--document-format",
    "YAML",
    "--content",
    `file://${join(dir, "safe.yaml")}`,
  );
  assert.equal(quiet.stderr.includes("warning:"), false, quiet.stderr);

  const listed = await fleetrun("documents", "list");
  assert.match(listed.stdout, /^Greet-Safe\t/m);
  assert.match(listed.stdout, /^AWS-RunShellScript\tAmazon\t/m);
  const content = await fleetrun("documents", "get", "--name", "Greet-Safe", "--document-format", "YAML");
  assert.equal(content.stdout, `${safe}\n`);
});
