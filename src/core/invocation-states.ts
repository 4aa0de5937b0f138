import type { InvocationDetails, InvocationStatus } from "./model.ts";

/** StatusDetails values after which an invocation never changes again. */
export const TERMINAL_DETAILS: readonly InvocationDetails[] = [
  "Success",
  "Failed",
  "Cancelled",
  "DeliveryTimedOut",
  "ExecutionTimedOut",
  "Undeliverable",
  "Terminated",
  "InvalidPlatform",
  "AccessDenied",
];

/** Released to a node and not finished. */
export const IN_FLIGHT_DETAILS: readonly InvocationDetails[] = ["InProgress", "Delayed", "Cancelling"];

const TERMINAL = new Set<InvocationDetails>(TERMINAL_DETAILS);

/** Whether the details value is final. */
export function isTerminal(details: InvocationDetails): boolean {
  return TERMINAL.has(details);
}

/** The `Status` that goes with each `StatusDetails` (semantics §5.2, recommended mapping for the non-enum ones). */
export const STATUS_OF_DETAILS: Readonly<Record<InvocationDetails, InvocationStatus>> = {
  Pending: "Pending",
  InProgress: "InProgress",
  Delayed: "Delayed",
  Cancelling: "Cancelling",
  Success: "Success",
  Failed: "Failed",
  Cancelled: "Cancelled",
  DeliveryTimedOut: "TimedOut",
  ExecutionTimedOut: "TimedOut",
  Undeliverable: "Failed",
  Terminated: "Cancelled",
  InvalidPlatform: "Failed",
  AccessDenied: "Failed",
};
