import { after } from "node:test";
import { startPostgres, type ThrowawayPostgres } from "../support/postgres.ts";
import { rateControlSuite } from "./rate-control-suite.ts";

let pg: ThrowawayPostgres | undefined;
after(async () => pg?.stop());

rateControlSuite("PostgreSQL", async () => {
  pg = await startPostgres();
  return pg.url;
});
