import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import pg from "pg";
import { startPostgres, type ThrowawayPostgres } from "../../../test/support/postgres.ts";
import { openStore } from "../open-store.ts";
import { storeContract } from "../store-contract.ts";
import { openPostgresStore } from "./open-postgres-store.ts";

let server: ThrowawayPostgres | undefined;
let admin: pg.Client | undefined;
let databases = 0;

before(async () => {
  server = await startPostgres();
  admin = new pg.Client(server.url);
  await admin.connect();
});

after(async () => {
  await admin?.end();
  await server?.stop();
});

storeContract("PostgreSQL", async () => {
  if (server === undefined || admin === undefined) throw new Error("the PostgreSQL server did not start");
  const name = `store_${++databases}`;
  // A linguistic default collation, as production servers often have: ordering must not depend on it.
  await admin.query(
    `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
  );
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const store = await openPostgresStore(url.href);
  const client = admin;
  return {
    store,
    cleanup: async () => {
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
});

it("openStore opens postgres:// and postgresql:// URLs on PostgreSQL", async () => {
  if (server === undefined) throw new Error("the PostgreSQL server did not start");
  for (const url of [server.url, server.url.replace(/^postgres:/, "postgresql:")]) {
    const store = await openStore(url);
    try {
      await store.migrate();
      await store.createUser({ userName: url, userId: `AIDA ${url}`, path: "/", createdAt: 1, tags: [] });
      assert.equal((await store.getUser(url))?.userId, `AIDA ${url}`);
    } finally {
      await store.close();
    }
  }
});
