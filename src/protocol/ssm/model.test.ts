import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ssmModel } from "./model.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, "../../..");

describe("generated SSM model", () => {
  let outDir = "";

  before(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "fleetrun-ssm-model-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/gen-ssm-model.ts", "--out", outDir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
  });

  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  for (const file of ["model.json", "types.ts"]) {
    it(`regenerates ${file} byte for byte`, async () => {
      const committed = await readFile(path.join(HERE, file), "utf8");
      const regenerated = await readFile(path.join(outDir, file), "utf8");
      assert.ok(regenerated === committed, `${file} is stale: run node --import tsx scripts/gen-ssm-model.ts`);
    });
  }

  it("keeps constraints and drops documentation", () => {
    assert.deepEqual(ssmModel.shapes.CommandMaxResults, { max: 50, min: 1, type: "integer" });
    assert.deepEqual(ssmModel.operations.CancelCommand?.input, "CancelCommandRequest");
    assert.ok(ssmModel.operations.SendCommand?.errors.includes("InvalidInstanceId"));
    assert.deepEqual(ssmModel.shapes.CommandFilter?.required, ["key", "value"]);
    assert.ok(Object.values(ssmModel.shapes).every((s) => !("documentation" in s)));
  });

  it("keeps members in model declaration order", () => {
    const members = Object.keys(ssmModel.shapes.SendCommandRequest?.members ?? {});
    assert.deepEqual(members.slice(0, 3), ["InstanceIds", "Targets", "DocumentName"]);
  });
});
