import { runCommandSuite } from "./run-command-suite.ts";

runCommandSuite("SQLite", async () => undefined);
