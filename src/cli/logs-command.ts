import { setTimeout as sleep } from "node:timers/promises";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { type ClientFlags, clientConfig, withClientFlags } from "./client-options.ts";
import { type LogEventView, LogsClient } from "./logs/logs-client.ts";
import { ServiceRefusal } from "./output/command-stream.ts";

type LogsFlags = ClientFlags & {
  group: string;
  stream?: string;
  streamPrefix?: string;
  start?: string;
  end?: string;
  follow?: boolean;
};

const POLL_MS = 1_000;

/**
 * `fleetrun logs --group G [--stream S | --stream-prefix P] [--start ISO] [--end ISO] [--follow]`:
 * log events of CloudWatchOutputConfig commands, one line each (`<time> <stream> <message>`),
 * read through the CloudWatch Logs API; `--follow` keeps printing new events until interrupted.
 */
export function logsCommand(program: Command): void {
  withClientFlags(
    program
      .command("logs")
      .description("print log events of a log group (CloudWatchOutputConfig output), by stream and time range")
      .requiredOption("--group <name>", "log group, e.g. /aws/ssm/AWS-RunShellScript")
      .option("--stream <name>", "one log stream, e.g. <commandId>/<instanceId>/aws-runShellScript/stdout")
      .option("--stream-prefix <prefix>", "streams whose name starts with this, e.g. <commandId>/")
      .option("--start <time>", "events at or after this time (ISO-8601)")
      .option("--end <time>", "events up to this time (ISO-8601)")
      .option("--follow", "keep printing new events until interrupted"),
  ).action(async (flags: LogsFlags) => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    try {
      if (flags.stream !== undefined && flags.streamPrefix !== undefined) {
        throw new UsageError("--stream and --stream-prefix cannot be used together");
      }
      const range = { ...time("startTime", flags.start), ...time("endTime", flags.end) };
      const config = clientConfig(flags);
      const ssm = new SSMClient(config);
      const credentials = await ssm.config.credentials();
      ssm.destroy();
      const client = new LogsClient(config.endpoint, config.region, credentials);
      const stop = new AbortController();
      process.once("SIGINT", () => stop.abort());
      if (flags.stream !== undefined) await printStream(client, flags, range, stop.signal);
      else await printGroup(client, flags, range, stop.signal);
    } catch (error) {
      process.exitCode = report(error);
    }
  });
}

type Range = { startTime?: number; endTime?: number };

async function printStream(client: LogsClient, flags: LogsFlags, range: Range, signal: AbortSignal): Promise<void> {
  const input = { logGroupName: flags.group, logStreamName: flags.stream ?? "", ...range };
  let token: string | undefined;
  do {
    const page = await client.streamEvents(input, token);
    write(page.events);
    token = page.token;
  } while (flags.follow && (await pause(signal)));
}

async function printGroup(client: LogsClient, flags: LogsFlags, range: Range, signal: AbortSignal): Promise<void> {
  const seen = new Set<string>();
  let since = range.startTime;
  do {
    const input = {
      logGroupName: flags.group,
      ...(flags.streamPrefix === undefined ? {} : { logStreamNamePrefix: flags.streamPrefix }),
      ...range,
      ...(since === undefined ? {} : { startTime: since }),
    };
    const fresh = (await client.filterEvents(input)).filter((e) => !seen.has(e.eventId ?? ""));
    write(fresh);
    // Following re-reads from the newest timestamp seen; the event ids drop what was printed.
    for (const e of fresh) {
      seen.add(e.eventId ?? "");
      since = Math.max(since ?? 0, e.timestamp);
    }
  } while (flags.follow && (await pause(signal)));
}

function write(events: readonly LogEventView[]): void {
  const lines = events.map((e) => `${new Date(e.timestamp).toISOString()} ${e.logStreamName ?? ""} ${e.message}\n`);
  if (lines.length > 0) process.stdout.write(lines.join(""));
}

/** Waits one poll interval; false once interrupted. */
async function pause(signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(POLL_MS, undefined, { signal });
    return true;
  } catch (error) {
    if (signal.aborted) return false;
    throw error;
  }
}

class UsageError extends Error {}

function time(name: "startTime" | "endTime", value: string | undefined): Range {
  if (value === undefined) return {};
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new UsageError(`--${name === "startTime" ? "start" : "end"} is not an ISO-8601 time: ${value}`);
  return { [name]: ms };
}

function report(error: unknown): number {
  if (error instanceof ServiceRefusal) {
    process.stderr.write(
      `\nAn error occurred (${error.code}) when calling the ${error.operation} operation: ${error.message}\n`,
    );
    return 254;
  }
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  return error instanceof UsageError ? 252 : 255;
}
