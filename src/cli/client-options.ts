import type { Command } from "commander";

/** Connection flags every client subcommand takes, as the aws CLI spells them. */
export interface ClientFlags {
  endpointUrl?: string;
  region?: string;
  profile?: string;
}

/** Adds `--endpoint-url`, `--region` and `--profile` to a client subcommand. */
export function withClientFlags(command: Command): Command {
  return command
    .option("--endpoint-url <url>", "fleetrun server URL (default: $FLEETRUN_ENDPOINT, then http://127.0.0.1:8080)")
    .option("--region <region>", "region (default: $AWS_REGION, $AWS_DEFAULT_REGION, then us-east-1)")
    .option("--profile <name>", "profile in the AWS shared credentials/config files (default: $AWS_PROFILE)");
}

/**
 * SDK client settings from the flags and the usual AWS environment: credentials come from the
 * SDK's default chain (AWS_ACCESS_KEY_ID/..., AWS_SHARED_CREDENTIALS_FILE, profiles).
 */
export function clientConfig(flags: ClientFlags): { endpoint: string; region: string } {
  if (flags.profile) process.env.AWS_PROFILE = flags.profile;
  return {
    endpoint: flags.endpointUrl ?? process.env.FLEETRUN_ENDPOINT ?? "http://127.0.0.1:8080",
    region: flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
  };
}

/** Reads `file://path` (as the aws CLI does) or returns the text itself. */
export async function textArgument(value: string): Promise<string> {
  if (!value.startsWith("file://")) return value;
  const { readFile } = await import("node:fs/promises");
  return readFile(value.slice("file://".length), "utf8");
}
