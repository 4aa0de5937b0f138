import type { Command } from "commander";
import { Agent } from "../agent/agent.ts";
import { type AgentOptions, resolveIdentity } from "../agent/agent-options.ts";
import { rotateKey } from "../agent/rotate-key.ts";
import { createLogger, onShutdown } from "./logger.ts";

/** `fleetrun agent`: registers once, then holds the outbound connection and runs commands. */
export function agentCommand(program: Command): void {
  const agent = program
    .command("agent")
    .description("run the fleetrun agent on this node (registers on first run)")
    .requiredOption("--state-dir <dir>", "agent state directory (identity, spool, output)")
    .option("--server <url>", "server URL, e.g. https://fleet.example.com:8080 (first run)")
    .option("--activation-id <id>", "activation id from create-activation (first run)")
    .option("--activation-code <code>", "activation code from create-activation (first run)")
    .option("--ca-file <file>", "trust only this CA (PEM) for the server, e.g. the server's DATA_DIR/tls/ca.pem")
    .option(
      "--server-fingerprint <sha256>",
      "trust only a server whose certificate, or its CA, has this SHA-256 fingerprint (printed by the server)",
    )
    .option("--allow-plain-http", "allow plain http to a server on another machine (not recommended)")
    .option("--max-concurrent <n>", "documents run at once", (v) => Number.parseInt(v, 10), 5)
    .option(
      "--reboot-command <command>",
      "shell command that reboots this node when a step exits 194 (default: none, such steps fail)",
    )
    .action(async (opts: AgentOptions & { maxConcurrent: number }) => {
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
    });
  agent
    .command("rotate-key")
    .description(
      "replace this node's key; a running agent picks the new one up when it reconnects. The new key is kept in " +
        "identity.json.new until the server confirms it: if interrupted, run rotate-key again or start the agent, " +
        "which tries that key when the old one is refused",
    )
    .action(async function (this: Command) {
      const { stateDir } = this.optsWithGlobals<{ stateDir: string }>();
      const outcome = await rotateKey(stateDir);
      process.stdout.write(
        `${outcome.instanceId}: ${outcome.resumed ? "completed an interrupted rotation" : "key rotated"}; ` +
          `the old key is refused from now on\n`,
      );
    });
}
