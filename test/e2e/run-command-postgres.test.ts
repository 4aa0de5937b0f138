import { after } from "node:test";
import { startPostgres, type ThrowawayPostgres } from "../support/postgres.ts";
import { runCommandSuite } from "./run-command-suite.ts";

let pg: ThrowawayPostgres | undefined;
after(async () => pg?.stop());

runCommandSuite("PostgreSQL", async () => {
  pg = await startPostgres();
  return pg.url;
});
