import { after } from "node:test";
import { freshDatabase, startPostgres, type ThrowawayPostgres } from "../support/postgres.ts";
import { resilienceSuite } from "./resilience-suite.ts";

let pg: ThrowawayPostgres | undefined;
after(async () => pg?.stop());

resilienceSuite("PostgreSQL", async () => {
  pg ??= await startPostgres();
  return freshDatabase(pg);
});
