import { LogsError } from "../logs-error.ts";
import { groupOf, optBool, optInt, optString, reqString } from "../logs-input.ts";
import type { LogsOperation } from "./logs-context.ts";

/**
 * GetLogEvents: one stream's events in [startTime, endTime), `limit` (10,000) at a time: from the
 * head with `startFromHead`, else the newest. Tokens are positions (`f/<n>` forward, `b/<n>`
 * backward); at the end of the stream the forward token comes back unchanged, as in AWS.
 */
export const getLogEvents: LogsOperation = async (ctx, input) => {
  const group = groupOf(input);
  const stream = reqString(input, "logStreamName");
  const startTime = optInt(input, "startTime", 0, Number.MAX_SAFE_INTEGER);
  const endTime = optInt(input, "endTime", 0, Number.MAX_SAFE_INTEGER);
  const limit = optInt(input, "limit", 1, 10_000) ?? 10_000;
  const token = optString(input, "nextToken");
  const fromHead = optBool(input, "startFromHead") ?? false;
  const all = await ctx.logs.events(group, stream);
  if (!all) throw new LogsError("ResourceNotFoundException", "The specified log stream does not exist.");
  const events = all.filter(
    (e) => (startTime === undefined || e.timestamp >= startTime) && (endTime === undefined || e.timestamp < endTime),
  );
  const position = parseToken(token);
  let from: number;
  let to: number;
  if (position?.forward ?? fromHead) {
    from = Math.min(position?.index ?? 0, events.length);
    to = Math.min(from + limit, events.length);
  } else {
    to = Math.min(position?.index ?? events.length, events.length);
    from = Math.max(0, to - limit);
  }
  return {
    events: events
      .slice(from, to)
      .map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: `f/${to}`,
    nextBackwardToken: `b/${from}`,
  };
};

function parseToken(token: string | undefined): { forward: boolean; index: number } | undefined {
  if (token === undefined) return undefined;
  const match = /^([fb])\/(\d{1,12})$/.exec(token);
  if (!match) throw new LogsError("InvalidParameterException", "The specified nextToken is invalid.");
  return { forward: match[1] === "f", index: Number(match[2]) };
}
