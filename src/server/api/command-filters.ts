import type { CommandStatus, InvocationDetails, InvocationStatus } from "../../core/model.ts";
import type { CommandFilter, InvocationFilter } from "../../core/ports/store.ts";
import { SsmError, validationError } from "../../protocol/errors.ts";

const COMMAND_STATUSES: ReadonlySet<string> = new Set<CommandStatus>([
  "Pending",
  "InProgress",
  "Success",
  "Cancelled",
  "Failed",
  "TimedOut",
  "Cancelling",
]);
const INVOCATION_STATUSES: ReadonlySet<string> = new Set<InvocationStatus>([
  "Pending",
  "InProgress",
  "Delayed",
  "Success",
  "Cancelled",
  "TimedOut",
  "Failed",
  "Cancelling",
]);
const COMMAND_DETAILS = new Set([
  "AccessDenied",
  "DeliveryTimedOut",
  "ExecutionTimedOut",
  "Incomplete",
  "NoInstancesInTag",
  "LimitExceeded",
]);
const INVOCATION_DETAILS: ReadonlySet<string> = new Set<InvocationDetails>([
  "AccessDenied",
  "DeliveryTimedOut",
  "ExecutionTimedOut",
  "Undeliverable",
  "InvalidPlatform",
  "Terminated",
]);

function time(key: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw validationError(`Filter ${key} needs an ISO-8601 timestamp such as 2024-07-07T00:00:00Z; got '${value}'.`);
  return ms;
}

type RawFilter = { key: string; value: string };

function isCommandStatus(value: string): value is CommandStatus {
  return COMMAND_STATUSES.has(value);
}

function isInvocationStatus(value: string): value is InvocationStatus {
  return INVOCATION_STATUSES.has(value);
}

function isInvocationDetail(value: string): value is InvocationDetails {
  return INVOCATION_DETAILS.has(value);
}

/** ListCommands `Filters` → store filter. */
export function commandFilter(filters: readonly RawFilter[] | undefined, base: CommandFilter): CommandFilter {
  const out: CommandFilter = { ...base };
  for (const { key, value } of filters ?? []) {
    if (key === "InvokedAfter") out.invokedAfter = time(key, value);
    else if (key === "InvokedBefore") out.invokedBefore = time(key, value);
    else if (key === "DocumentName") out.documentName = value;
    else if (key === "ExecutionStage") {
      if (value !== "Executing" && value !== "Complete")
        throw validationError(`ExecutionStage must be Executing or Complete; got '${value}'.`);
      out.executionStage = value;
    } else if (key === "Status") {
      if (isCommandStatus(value)) out.statuses = [...(out.statuses ?? []), value];
      else if (COMMAND_DETAILS.has(value)) out.statusDetails = [...(out.statusDetails ?? []), value];
      else throw validationError(`'${value}' is not a command status this filter accepts.`);
    } else throw new SsmError("InvalidFilterKey", `Filter key ${key} is not supported for ListCommands.`);
  }
  return out;
}

/** ListCommandInvocations `Filters` → store filter (no ExecutionStage). */
export function invocationFilter(filters: readonly RawFilter[] | undefined, base: InvocationFilter): InvocationFilter {
  const out: InvocationFilter = { ...base };
  for (const { key, value } of filters ?? []) {
    if (key === "InvokedAfter") out.invokedAfter = time(key, value);
    else if (key === "InvokedBefore") out.invokedBefore = time(key, value);
    else if (key === "DocumentName") out.documentName = value;
    else if (key === "Status") {
      if (isInvocationStatus(value)) out.statuses = [...(out.statuses ?? []), value];
      else if (isInvocationDetail(value)) out.statusDetails = [...(out.statusDetails ?? []), value];
      else throw validationError(`'${value}' is not an invocation status this filter accepts.`);
    } else throw new SsmError("InvalidFilterKey", `Filter key ${key} is not supported for ListCommandInvocations.`);
  }
  return out;
}
