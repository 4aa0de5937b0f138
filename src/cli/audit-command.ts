import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CloudTrailClient, type Event, type LookupAttribute, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import type { Command } from "commander";
import { verifyStoredChain } from "../server/audit/verify-stored-chain.ts";
import { openStore } from "../store/open-store.ts";
import { type ClientFlags, clientConfig, withClientFlags } from "./client-options.ts";

type LookupFlags = ClientFlags & {
  start?: string;
  end?: string;
  eventName?: string;
  username?: string;
  max: string;
  output: string;
};

/**
 * `fleetrun audit`: the audit trail through CloudTrail's LookupEvents (the same API
 * `aws cloudtrail lookup-events` uses), and `fleetrun audit verify`, which checks the hash chain
 * in the store itself.
 */
export function auditCommand(program: Command): void {
  const audit = withClientFlags(
    program
      .command("audit")
      .description("show the audit trail (newest first); `audit verify` checks it has not been tampered with")
      .option("--start <time>", "only events at or after this time (ISO 8601)")
      .option("--end <time>", "only events at or before this time (ISO 8601)")
      .option("--event-name <name>", "only this API operation or agent event, e.g. SendCommand")
      .option("--username <name>", "only events by this user (or managed node id)")
      .option("--max <n>", "at most this many events", "50")
      .option("--output <format>", "table or json", "table"),
  ).action(async (flags: LookupFlags) => {
    const events = await lookup(flags);
    process.stdout.write(flags.output === "json" ? `${JSON.stringify({ Events: events }, null, 4)}\n` : table(events));
  });
  audit
    .command("verify")
    .description("verify the audit trail's hash chain directly in the store; exits 1 naming the first bad record")
    .option("--data-dir <dir>", "the server's data directory (its SQLite store)", "./fleetrun-data")
    .option("--store <url>", "store URL instead: sqlite:/path/file.db or postgres://...")
    .action(async (flags: { dataDir: string; store?: string }) => {
      process.exitCode = await verify(flags);
    });
}

async function lookup(flags: LookupFlags): Promise<Event[]> {
  if (flags.output !== "table" && flags.output !== "json") throw new Error("--output must be table or json");
  const max = Number(flags.max);
  if (!Number.isInteger(max) || max < 1) throw new Error("--max must be a positive integer");
  // LookupEvents takes one attribute: the event name is asked of the server, a user name as well
  // is then matched here.
  const attribute: LookupAttribute | undefined = flags.eventName
    ? { AttributeKey: "EventName", AttributeValue: flags.eventName }
    : flags.username
      ? { AttributeKey: "Username", AttributeValue: flags.username }
      : undefined;
  const client = new CloudTrailClient(clientConfig(flags));
  const events: Event[] = [];
  try {
    let token: string | undefined;
    do {
      const out = await client.send(
        new LookupEventsCommand({
          ...(attribute ? { LookupAttributes: [attribute] } : {}),
          ...(flags.start ? { StartTime: time(flags.start, "--start") } : {}),
          ...(flags.end ? { EndTime: time(flags.end, "--end") } : {}),
          MaxResults: Math.min(50, max),
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const event of out.Events ?? []) {
        if (flags.eventName && flags.username && event.Username !== flags.username) continue;
        if (events.length < max) events.push(event);
      }
      token = out.NextToken;
    } while (token && events.length < max);
  } finally {
    client.destroy();
  }
  return events;
}

function time(text: string, flag: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag} must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z`);
  return date;
}

function table(events: Event[]): string {
  const rows = events.map((event) => {
    const record = parse(event.CloudTrailEvent);
    return [
      event.EventTime?.toISOString().replace(/\.\d{3}Z$/, "Z") ?? "",
      event.EventName ?? "",
      event.Username ?? text(record.userIdentity, "type"),
      text(record, "sourceIPAddress"),
      text(record, "errorCode"),
      event.EventSource ?? "",
    ];
  });
  const header = ["TIME", "EVENT", "USER", "SOURCE IP", "ERROR", "SOURCE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [header, ...rows]
    .map(
      (r) =>
        `${r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}

function parse(json: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json ?? "{}");
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    // An unreadable event still gets its row; `fleetrun audit verify` explains it.
    return {};
  }
}

function text(value: unknown, member: string): string {
  const found = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[member] : undefined;
  return typeof found === "string" ? found : "";
}

/** Verifies the chain; 0 when intact, 1 (with the first bad record on stderr) when not. */
async function verify(flags: { dataDir: string; store?: string }): Promise<number> {
  const file = resolve(flags.dataDir, "fleetrun.db");
  if (!flags.store && !existsSync(file)) throw new Error(`no fleetrun store at ${file} (use --data-dir or --store)`);
  const store = await openStore(flags.store ?? `sqlite:${file}`);
  try {
    const verdict = await verifyStoredChain(store);
    if (verdict.ok) {
      process.stdout.write(`audit trail OK: ${verdict.count} records, chain head ${verdict.head.hash}\n`);
      return 0;
    }
    const [bad] = await store.readAuditChain(verdict.seq - 1, 1);
    const record = bad?.seq === verdict.seq ? parse(bad.json) : {};
    const what = ["eventTime", "eventName", "eventID"].map((m) => text(record, m)).filter(Boolean);
    process.stderr.write(
      `audit trail BROKEN at record ${verdict.seq}${what.length > 0 ? ` (${what.join(" ")})` : ""}: ${verdict.reason}\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}
