import { Command } from "commander";
import { agentCommand } from "./agent-command.ts";
import { auditCommand } from "./audit-command.ts";
import { documentsCommand } from "./documents-command.ts";
import { iamCommand } from "./iam-command.ts";
import { serverCommand } from "./server-command.ts";
import { upCommand } from "./up-command.ts";

const program = new Command("fleetrun")
  .description("Self-hosted Run Command that speaks the AWS Systems Manager API")
  .version("0.1.0");
serverCommand(program);
agentCommand(program);
upCommand(program);
auditCommand(program);
documentsCommand(program);
iamCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`fleetrun: ${(error as Error).message}\n`);
  process.exit(1);
});
