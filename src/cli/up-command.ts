import { join } from "node:path";
import { CreateActivationCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { Agent } from "../agent/agent.ts";
import { loadIdentity } from "../agent/identity.ts";
import { register } from "../agent/registration.ts";
import { startServer } from "../server/server.ts";
import { readCredentials } from "./credentials-file.ts";
import { createLogger, onShutdown } from "./logger.ts";

/** `fleetrun up`: the quick start — a server on the embedded default plus one local agent. */
export function upCommand(program: Command): void {
  program
    .command("up")
    .description("start a server on the embedded default (SQLite) plus one local agent")
    .option("--data-dir <dir>", "data directory", "./fleetrun-data")
    .option("--listen <host:port>", "address to listen on", "127.0.0.1:8080")
    .action(async (opts: { dataDir: string; listen: string }) => {
      const log = createLogger("fleetrun");
      const server = await startServer({ dataDir: opts.dataDir, listen: opts.listen }, log);
      const stateDir = join(server.config.dataDir, "local-agent");
      let identity = await loadIdentity(stateDir);
      if (!identity) {
        const credentials = await readCredentials(server.adminCredentialsPath);
        const ssm = new SSMClient({ endpoint: server.url, region: server.config.region, credentials });
        const activation = await ssm.send(
          new CreateActivationCommand({
            IamRole: "fleetrun-local",
            DefaultInstanceName: "local",
            Description: "fleetrun up: local agent",
          }),
        );
        ssm.destroy();
        identity = await register(stateDir, server.url, activation.ActivationId ?? "", activation.ActivationCode ?? "");
      } else {
        identity = { ...identity, server: server.url };
      }
      const agent = new Agent({ stateDir, identity, maxConcurrent: 5 }, log);
      await agent.start();
      onShutdown(async () => {
        await agent.stop();
        await server.close();
      });
      const env = `AWS_SHARED_CREDENTIALS_FILE=${server.adminCredentialsPath}`;
      process.stdout.write(
        [
          "fleetrun is up.",
          `  endpoint:     ${server.url}`,
          `  credentials:  ${server.adminCredentialsPath} (profile default)`,
          `  local node:   ${identity.instanceId}`,
          "",
          "Run a command on the local node:",
          `  ${env} aws --endpoint-url ${server.url} --region ${server.config.region} ssm send-command \\`,
          `    --document-name AWS-RunShellScript --instance-ids ${identity.instanceId} --parameters 'commands=["uname -a"]'`,
          "",
          "Press Ctrl-C to stop.",
          "",
        ].join("\n"),
      );
    });
}
