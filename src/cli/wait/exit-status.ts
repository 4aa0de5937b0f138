/**
 * The exit status of `fleetrun send-command --wait`, from the command's final Status and
 * StatusDetails:
 * - 0 — Success;
 * - 1 — Failed, or Incomplete (some node did not succeed);
 * - 2 — TimedOut, Cancelled, or any other end.
 */
export function exitStatusOf(status: string | undefined, statusDetails?: string): 0 | 1 | 2 {
  if (status === "Success") return 0;
  if (status === "Failed" || statusDetails === "Incomplete") return 1;
  return 2;
}

/** Command statuses after which nothing changes any more. */
const TERMINAL = new Set(["Success", "Failed", "TimedOut", "Cancelled"]);

/** Whether a command status is final (Pending, InProgress and Cancelling are not). */
export function isTerminalStatus(status: string | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}
