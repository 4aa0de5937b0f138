import { Command } from "commander";
import { activationsCommand } from "./activations-command.ts";
import { agentCommand } from "./agent-command.ts";
import { auditCommand } from "./audit-command.ts";
import { cancelCommand } from "./cancel-command.ts";
import { completionCommand } from "./completion-command.ts";
import { documentsCommand } from "./documents-command.ts";
import { iamCommand } from "./iam-command.ts";
import { invocationsCommand } from "./invocations-command.ts";
import { listCommandsCommand } from "./list-commands-command.ts";
import { logsCommand } from "./logs-command.ts";
import { nodesCommand } from "./nodes-command.ts";
import { outputCommand } from "./output-command.ts";
import { rulesCommand } from "./rules-command.ts";
import { sendCommandCommand } from "./send-command-command.ts";
import { serverCommand } from "./server-command.ts";
import { topicsCommand } from "./topics-command.ts";
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
sendCommandCommand(program);
listCommandsCommand(program);
invocationsCommand(program);
cancelCommand(program);
nodesCommand(program);
activationsCommand(program);
outputCommand(program);
logsCommand(program);
completionCommand(program);
topicsCommand(program);
rulesCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`fleetrun: ${(error as Error).message}\n`);
  process.exit(1);
});
