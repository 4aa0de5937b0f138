import { type Logger, pino } from "pino";

/** JSON logs on stderr, so stdout stays for what a person reads. FLEETRUN_LOG_LEVEL sets the level. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.FLEETRUN_LOG_LEVEL ?? "info" }, pino.destination(2));
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`fleetrun: error while stopping on ${signal}: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
