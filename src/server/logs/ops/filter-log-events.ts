import { createHash } from "node:crypto";
import { LogsError } from "../logs-error.ts";
import { groupOf, optInt, optString, optStrings, tokenIndex } from "../logs-input.ts";
import { matchesFilterPattern } from "./filter-pattern.ts";
import type { LogsOperation } from "./logs-context.ts";

/**
 * FilterLogEvents: events of a group's streams (all, `logStreamNames`, or `logStreamNamePrefix`)
 * with startTime <= timestamp <= endTime matching `filterPattern`, oldest first across streams,
 * `limit` (10,000) a page with an opaque `nextToken`.
 */
export const filterLogEvents: LogsOperation = async (ctx, input) => {
  const group = groupOf(input);
  const names = optStrings(input, "logStreamNames");
  const prefix = optString(input, "logStreamNamePrefix");
  if (names !== undefined && prefix !== undefined) {
    throw new LogsError("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive.");
  }
  const startTime = optInt(input, "startTime", 0, Number.MAX_SAFE_INTEGER);
  const endTime = optInt(input, "endTime", 0, Number.MAX_SAFE_INTEGER);
  const limit = optInt(input, "limit", 1, 10_000) ?? 10_000;
  const start = tokenIndex(optString(input, "nextToken"), "e/") ?? 0;
  const pattern = optString(input, "filterPattern") ?? "";
  const streams = await ctx.logs.streams(group, prefix);
  if (!streams) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
  const chosen = streams.filter((s) => names === undefined || names.includes(s.logStreamName));
  const found: Array<{
    logStreamName: string;
    timestamp: number;
    message: string;
    ingestionTime: number;
    eventId: string;
  }> = [];
  for (const { logStreamName } of chosen) {
    const streamId = createHash("sha256").update(`${group}\u0000${logStreamName}`).digest("hex").slice(0, 16);
    const events = (await ctx.logs.events(group, logStreamName)) ?? [];
    events.forEach((e, index) => {
      if (startTime !== undefined && e.timestamp < startTime) return;
      if (endTime !== undefined && e.timestamp > endTime) return;
      if (!matchesFilterPattern(pattern, e.message)) return;
      const eventId = `${streamId}${String(index).padStart(12, "0")}`;
      found.push({
        logStreamName,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId,
      });
    });
  }
  // Stable: events with the same timestamp keep their stream and write order.
  found.sort((a, b) => a.timestamp - b.timestamp);
  const page = found.slice(start, start + limit);
  return {
    events: page,
    searchedLogStreams: chosen.map((s) => ({ logStreamName: s.logStreamName, searchedCompletely: true })),
    ...(start + limit < found.length ? { nextToken: `e/${start + limit}` } : {}),
  };
};
