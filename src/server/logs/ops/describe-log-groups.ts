import { LogsError } from "../logs-error.ts";
import { optInt, optString, tokenIndex } from "../logs-input.ts";
import { type LogsOperation, logGroupArn } from "./logs-context.ts";

/** DescribeLogGroups: groups by name prefix (or a name substring with `logGroupNamePattern`), 50 a page. */
export const describeLogGroups: LogsOperation = async (ctx, input) => {
  const prefix = optString(input, "logGroupNamePrefix");
  const pattern = optString(input, "logGroupNamePattern");
  if (prefix !== undefined && pattern !== undefined) {
    throw new LogsError(
      "InvalidParameterException",
      "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive.",
    );
  }
  const limit = optInt(input, "limit", 1, 50) ?? 50;
  const start = tokenIndex(optString(input, "nextToken"), "g/") ?? 0;
  const groups = (await ctx.logs.groups(prefix)).filter(
    (g) => pattern === undefined || g.logGroupName.includes(pattern),
  );
  const page = groups.slice(start, start + limit);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.logGroupName,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: logGroupArn(ctx, g.logGroupName),
      logGroupArn: logGroupArn(ctx, g.logGroupName).replace(/:\*$/, ""),
      storedBytes: g.storedBytes,
      logGroupClass: "STANDARD",
    })),
    ...(start + limit < groups.length ? { nextToken: `g/${start + limit}` } : {}),
  };
};
