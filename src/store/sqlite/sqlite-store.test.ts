import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storeContract } from "../store-contract.ts";
import { openSqliteStore } from "./open-sqlite-store.ts";

storeContract("SQLite", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fleetrun-sqlite-"));
  // A missing sub-directory proves the store creates it.
  const store = await openSqliteStore(join(dir, "data", "fleetrun.db"));
  return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
});
