import { rateControlSuite } from "./rate-control-suite.ts";

rateControlSuite("SQLite", async () => undefined);
