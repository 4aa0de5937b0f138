import { LogsError } from "../logs-error.ts";
import { groupOf, optBool, optInt, optString, tokenIndex } from "../logs-input.ts";
import { type LogsOperation, logGroupArn } from "./logs-context.ts";

/** DescribeLogStreams: a group's streams by name prefix, ordered by name or by last event time, 50 a page. */
export const describeLogStreams: LogsOperation = async (ctx, input) => {
  const group = groupOf(input);
  const prefix = optString(input, "logStreamNamePrefix");
  const orderBy = optString(input, "orderBy") ?? "LogStreamName";
  if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
    throw new LogsError("InvalidParameterException", "orderBy must be LogStreamName or LastEventTime.");
  }
  if (orderBy === "LastEventTime" && prefix !== undefined) {
    throw new LogsError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
  }
  const descending = optBool(input, "descending") ?? false;
  const limit = optInt(input, "limit", 1, 50) ?? 50;
  const start = tokenIndex(optString(input, "nextToken"), "s/") ?? 0;
  const streams = await ctx.logs.streams(group, prefix);
  if (!streams) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
  if (orderBy === "LastEventTime") streams.sort((a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0));
  if (descending) streams.reverse();
  const page = streams.slice(start, start + limit);
  const groupArn = logGroupArn(ctx, group).replace(/\*$/, "");
  return {
    logStreams: page.map((s) => ({ ...s, arn: `${groupArn}log-stream:${s.logStreamName}` })),
    ...(start + limit < streams.length ? { nextToken: `s/${start + limit}` } : {}),
  };
};
