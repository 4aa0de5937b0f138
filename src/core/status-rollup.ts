import { isTerminal } from "./invocation-states.ts";
import type { CommandDetails, CommandStatus, InvocationDetails } from "./model.ts";

/** What the roll-up needs to know about a command. */
export interface RollupInput {
  counts: Partial<Record<InvocationDetails, number>>;
  targetCount: number;
  errorBudget: number;
  /** CancelCommand was called for the whole command. */
  cancelRequested: boolean;
}

/** The command-level fields the roll-up derives. */
export interface Rollup {
  status: CommandStatus;
  statusDetails: CommandDetails;
  completedCount: number;
  errorCount: number;
  deliveryTimedOutCount: number;
}

/** Command statuses under which the scheduler still works on a command. */
export const EXECUTING_STATUSES: readonly CommandStatus[] = ["Pending", "InProgress", "Cancelling"];

/** Whether a command is still executing (not in a final status). */
export function isExecuting(status: CommandStatus): boolean {
  return EXECUTING_STATUSES.includes(status);
}

const n = (counts: RollupInput["counts"], d: InvocationDetails): number => counts[d] ?? 0;

/**
 * Derives a command's status from its invocations (semantics §5.3). Undeliverable, InvalidPlatform
 * and AccessDenied are left out of Success-vs-Failed; DeliveryTimedOut is not an error but keeps
 * the command from Success. The command is Failed (or TimedOut) when MaxErrors-or-more
 * invocations ended in error, Incomplete when fewer did.
 */
export function rollUp(input: RollupInput): Rollup {
  const { counts, targetCount, errorBudget, cancelRequested } = input;
  let completed = 0;
  let total = 0;
  for (const [details, count] of Object.entries(counts) as Array<[InvocationDetails, number]>) {
    total += count;
    if (isTerminal(details)) completed += count;
  }
  const errorCount = n(counts, "Failed") + n(counts, "ExecutionTimedOut");
  const deliveryTimedOutCount = n(counts, "DeliveryTimedOut");
  const base = { completedCount: completed, errorCount, deliveryTimedOutCount };

  if (targetCount === 0) return { ...base, status: "Failed", statusDetails: "NoInstancesInTag" };
  if (completed < total) {
    if (cancelRequested) return { ...base, status: "Cancelling", statusDetails: "Cancelling" };
    // Refused-at-send invocations (InvalidPlatform, ...) are final but never reached a node.
    const reached = ["InProgress", "Delayed", "Success", "Failed", "ExecutionTimedOut", "Cancelled"] as const;
    const started = reached.some((d) => n(counts, d) > 0);
    return started
      ? { ...base, status: "InProgress", statusDetails: "InProgress" }
      : { ...base, status: "Pending", statusDetails: "Pending" };
  }
  if (cancelRequested && n(counts, "Cancelled") > 0)
    return { ...base, status: "Cancelled", statusDetails: "Cancelled" };

  const ignored = n(counts, "Undeliverable") + n(counts, "InvalidPlatform") + n(counts, "AccessDenied");
  const counted = total - ignored;
  if (counted === 0) return { ...base, status: "Failed", statusDetails: "Failed" };
  if (n(counts, "Success") === counted) return { ...base, status: "Success", statusDetails: "Success" };
  if (errorCount > 0 && errorCount >= errorBudget) {
    return n(counts, "ExecutionTimedOut") > n(counts, "Failed")
      ? { ...base, status: "TimedOut", statusDetails: "ExecutionTimedOut" }
      : { ...base, status: "Failed", statusDetails: "Failed" };
  }
  if (deliveryTimedOutCount > 0 && deliveryTimedOutCount >= errorBudget)
    return { ...base, status: "TimedOut", statusDetails: "DeliveryTimedOut" };
  return { ...base, status: "Failed", statusDetails: "Incomplete" };
}
