import { SSMClient, SSMServiceException } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { type ClientFlags, clientConfig, withClientFlags } from "./client-options.ts";
import { ServiceRefusal } from "./output/command-stream.ts";
import { followCommand } from "./output/follow-command.ts";
import { prefixLines } from "./output/follow-printer.ts";
import { groupResults, renderGroups } from "./output/group-results.ts";
import { readResults } from "./output/read-results.ts";
import { type Credentials, signedFetch } from "./output/signed-fetch.ts";

type OutputFlags = ClientFlags & { instanceId?: string; follow?: boolean; group?: boolean; allNodes?: boolean };

/** Exit statuses, as `fleetrun send-command --wait` uses them. */
const EXIT = { success: 0, failed: 1, otherEnd: 2, serviceError: 254, otherError: 255 } as const;

/**
 * `fleetrun output <commandId> [--instance-id ID] [--follow] [--group]`: each node's output with a
 * `mi-…: ` prefix per line; `--follow` streams it live until the command ends (exit 0 on Success,
 * 1 on Failed/Incomplete, 2 on any other end); `--group` folds identical results across nodes.
 */
export function outputCommand(program: Command): void {
  withClientFlags(
    program
      .command("output")
      .description("print a command's output per node; --follow streams it live, --group folds identical results")
      .argument("<commandId>", "the command")
      .option("--instance-id <id>", "only this node")
      .option("--follow", "stream the output live until the command ends (exit status: 0 Success, else non-zero)")
      .option("--group", "fold identical results across nodes (as ClusterShell's clubak)")
      .option("--all-nodes", "with --group: list every node of a group, not the first dozen"),
  ).action(async (commandId: string, flags: OutputFlags) => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const config = clientConfig(flags);
    const ssm = new SSMClient(config);
    let operation = "";
    ssm.middlewareStack.add(
      (next, context) => (request) => {
        operation = context.commandName?.replace(/Command$/, "") ?? "";
        return next(request);
      },
      { step: "initialize", name: "fleetrunOperationName" },
    );
    try {
      const credentials = await ssm.config.credentials();
      process.exitCode = flags.follow
        ? await follow(commandId, flags, { ...config, credentials })
        : await print(ssm, commandId, flags, { ...config, credentials });
    } catch (error) {
      process.exitCode = report(error, operation);
    } finally {
      ssm.destroy();
    }
  });
}

interface Connection {
  endpoint: string;
  region: string;
  credentials: Credentials;
}

async function follow(commandId: string, flags: OutputFlags, target: Connection): Promise<number> {
  const end = await followCommand(
    target,
    commandId,
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
    flags.instanceId,
  );
  if (end.status === "Success") return EXIT.success;
  return end.status === "Failed" || end.statusDetails === "Incomplete" ? EXIT.failed : EXIT.otherEnd;
}

async function print(ssm: SSMClient, commandId: string, flags: OutputFlags, target: Connection): Promise<number> {
  const results = await readResults(ssm, commandId, flags.instanceId, (url) => readFullOutput(url, target));
  if (flags.group) {
    process.stdout.write(renderGroups(groupResults(results), flags.allNodes ? Number.POSITIVE_INFINITY : 12));
    return EXIT.success;
  }
  for (const r of results) {
    process.stdout.write(prefixLines(r.instanceId, r.stdout));
    process.stderr.write(prefixLines(r.instanceId, r.stderr));
  }
  return EXIT.success;
}

/** Reads a full output URL served by this fleetrun server (a signed GET); other URLs are not read. */
async function readFullOutput(url: string, target: Connection): Promise<string | undefined> {
  const parsed = new URL(url);
  if (parsed.origin !== new URL(target.endpoint).origin) return undefined;
  const response = await signedFetch(parsed, {
    service: "ssm",
    region: target.region,
    credentials: target.credentials,
  });
  if (response.ok) return response.text();
  // Older servers, or outputs already gone: GetCommandInvocation's content is used instead.
  await response.body?.cancel();
  return undefined;
}

function report(error: unknown, sdkOperation: string): number {
  if (error instanceof ServiceRefusal || error instanceof SSMServiceException) {
    const code = error instanceof ServiceRefusal ? error.code : error.name;
    const operation = error instanceof ServiceRefusal ? error.operation : sdkOperation;
    process.stderr.write(`\nAn error occurred (${code}) when calling the ${operation} operation: ${error.message}\n`);
    return EXIT.serviceError;
  }
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.otherError;
}
