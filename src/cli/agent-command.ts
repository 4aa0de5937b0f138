import type { Command } from "commander";
import { Agent } from "../agent/agent.ts";
import { resolveIdentity } from "../agent/agent-options.ts";
import { createLogger, onShutdown } from "./logger.ts";

/** `fleetrun agent`: registers once, then holds the outbound connection and runs commands. */
export function agentCommand(program: Command): void {
  program
    .command("agent")
    .description("run the fleetrun agent on this node (registers on first run)")
    .requiredOption("--state-dir <dir>", "agent state directory (identity, spool, output)")
    .option("--server <url>", "server URL, e.g. http://127.0.0.1:8080 (first run)")
    .option("--activation-id <id>", "activation id from create-activation (first run)")
    .option("--activation-code <code>", "activation code from create-activation (first run)")
    .option("--max-concurrent <n>", "documents run at once", (v) => Number.parseInt(v, 10), 5)
    .option(
      "--reboot-command <command>",
      "shell command that reboots this node when a step exits 194 (default: none, such steps fail)",
    )
    .action(
      async (opts: {
        stateDir: string;
        server?: string;
        activationId?: string;
        activationCode?: string;
        maxConcurrent: number;
        rebootCommand?: string;
      }) => {
        const log = createLogger("fleetrun-agent");
        const identity = await resolveIdentity(opts);
        const agent = new Agent(
          {
            stateDir: opts.stateDir,
            identity,
            maxConcurrent: Math.max(1, opts.maxConcurrent || 5),
            ...(opts.rebootCommand ? { rebootCommand: opts.rebootCommand } : {}),
          },
          log,
        );
        onShutdown(() => agent.stop());
        await agent.start();
        process.stdout.write(`fleetrun agent ${identity.instanceId} connecting to ${identity.server}\n`);
        const reason = await agent.done;
        if (reason.startsWith("rejected")) process.exit(2);
      },
    );
}
