import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { openStore } from "./open-store.ts";

describe("openStore", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "fleetrun-open-store-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function roundTrip(url: string): Promise<void> {
    const store = await openStore(url);
    try {
      await store.migrate();
      await store.createUser({ userName: "u", userId: "AIDAEXAMPLE", path: "/", createdAt: 1, tags: [] });
      assert.equal((await store.getUser("u"))?.userId, "AIDAEXAMPLE");
    } finally {
      await store.close();
    }
  }

  it("opens a sqlite: URL, creating the file and its directory, in WAL mode", async () => {
    const file = join(dir, "a", "b", "store.db");
    await roundTrip(`sqlite:${file}`);
    assert.equal(existsSync(file), true);
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
    } finally {
      raw.close();
    }
  });

  it("opens sqlite:///abs/path and plain paths as SQLite files", async () => {
    await roundTrip(`sqlite://${join(dir, "triple.db")}`);
    assert.equal(existsSync(join(dir, "triple.db")), true);
    await roundTrip(join(dir, "plain.db"));
    assert.equal(existsSync(join(dir, "plain.db")), true);
  });

  it("keeps data across reopening the same file", async () => {
    const url = `sqlite:${join(dir, "persist.db")}`;
    await roundTrip(url);
    const store = await openStore(url);
    try {
      await store.migrate();
      assert.equal((await store.getUser("u"))?.userId, "AIDAEXAMPLE");
    } finally {
      await store.close();
    }
  });

  it("opens an in-memory SQLite store for sqlite::memory:", async () => {
    await roundTrip("sqlite::memory:");
  });

  it("refuses an unknown scheme and an empty sqlite: URL", async () => {
    await assert.rejects(openStore("mysql://localhost/db"), /unknown store URL scheme "mysql:"/);
    await assert.rejects(openStore("sqlite:"), /names no file/);
  });
});
