import { resilienceSuite } from "./resilience-suite.ts";

resilienceSuite("SQLite", async () => undefined);
