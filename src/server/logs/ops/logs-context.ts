import type { LogStore } from "../../../store/logs/log-store.ts";
import type { LogsInput } from "../logs-input.ts";

/** What every CloudWatch Logs operation receives. */
export interface LogsContext {
  logs: LogStore;
  region: string;
  accountId: string;
}

/** One operation: the decoded body in, the response body out. */
export type LogsOperation = (ctx: LogsContext, input: LogsInput) => Promise<Record<string, unknown>>;

/** A log group's ARN as DescribeLogGroups reports it (`…:log-group:<name>:*`). */
export function logGroupArn(ctx: LogsContext, group: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}:*`;
}
