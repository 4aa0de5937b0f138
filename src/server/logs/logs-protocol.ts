import type { Authorizer } from "../auth/authorizer.ts";
import { jsonResponse, targetOf } from "../http/aws-json.ts";
import type { AwsProtocol, AwsRequest, AwsResponse, Caller } from "../http/aws-protocol.ts";
import { errorResponse } from "../http/error-response.ts";
import { LogsError } from "./logs-error.ts";
import { groupOf, type LogsInput, parseLogsInput } from "./logs-input.ts";
import { describeLogGroups } from "./ops/describe-log-groups.ts";
import { describeLogStreams } from "./ops/describe-log-streams.ts";
import { filterLogEvents } from "./ops/filter-log-events.ts";
import { getLogEvents } from "./ops/get-log-events.ts";
import { type LogsContext, type LogsOperation, logGroupArn } from "./ops/logs-context.ts";

const TARGET_PREFIX = "Logs_20140328.";

const OPERATIONS: Readonly<Record<string, LogsOperation>> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};

/**
 * The CloudWatch Logs JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`, SigV4
 * service `logs`), reading back the log events of CloudWatchOutputConfig commands:
 * DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents, so that
 * `aws logs ... --endpoint-url` works. Each call needs `logs:<Operation>` on the log group's ARN.
 */
export class LogsProtocol implements AwsProtocol {
  readonly service = "logs";
  readonly eventSource = "logs.amazonaws.com";
  readonly #ctx: LogsContext;
  readonly #authorizer: ((caller: Caller) => Authorizer) | undefined;

  constructor(deps: LogsContext & { authorizer?: (caller: Caller) => Authorizer }) {
    this.#ctx = { logs: deps.logs, region: deps.region, accountId: deps.accountId };
    this.#authorizer = deps.authorizer;
  }

  matches(request: AwsRequest): boolean {
    return targetOf(request).startsWith(TARGET_PREFIX);
  }

  operationOf(request: AwsRequest): string {
    return targetOf(request).slice(TARGET_PREFIX.length);
  }

  async handle(
    request: AwsRequest,
    caller: Caller,
  ): Promise<{ response: AwsResponse; input: unknown; output: unknown }> {
    const name = this.operationOf(request);
    const operation = OPERATIONS[name];
    if (!operation)
      throw new LogsError("UnknownOperationException", `fleetrun does not implement CloudWatch Logs ${name}.`);
    const input = parseLogsInput(request.body);
    await this.#authorize(caller, name, input);
    const output = await operation(this.#ctx, input);
    return { response: jsonResponse(200, output), input, output };
  }

  encodeError(error: unknown): AwsResponse {
    if (error instanceof LogsError)
      return jsonResponse(error.httpStatus, { __type: error.code, message: error.message });
    const { status, body } = errorResponse(error);
    return jsonResponse(status, body);
  }

  async #authorize(caller: Caller, operation: string, input: LogsInput): Promise<void> {
    const authz = this.#authorizer?.(caller);
    if (!authz) return;
    const group = operation === "DescribeLogGroups" ? "*" : groupOf(input);
    await authz.require(`logs:${operation}`, { arn: logGroupArn(this.#ctx, group) });
  }
}
