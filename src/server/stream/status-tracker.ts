import type { FleetEvent } from "../../core/events/fleet-event.ts";

/** A status change as watchers receive it; `instanceId` is absent for the command itself. */
export interface StatusChange {
  instanceId?: string;
  status: string;
  statusDetails?: string;
}

const COMMAND_EVENT = "EC2 Command Status-change Notification";
const INVOCATION_EVENT = "EC2 Command Invocation Status-change Notification";

/** Command (and invocation) statuses after which nothing changes any more. */
export const FINAL_COMMAND_STATUSES: ReadonlySet<string> = new Set(["Success", "Failed", "TimedOut", "Cancelled"]);

/**
 * The last status each watcher was told, per node and for the command: the same change arriving
 * from the `events` subject and from the store is sent once.
 */
export class StatusTracker {
  readonly #known = new Map<string, string>();

  /** Records `change`; returns whether its Status is news to the watcher (details alone are not). */
  update(change: StatusChange): boolean {
    const key = change.instanceId ?? "";
    const before = this.#known.get(key);
    if (before === change.status) return false;
    // Events and store reads race: a stale read must not move a finished node back to running.
    if (before !== undefined && FINAL_COMMAND_STATUSES.has(before) && !FINAL_COMMAND_STATUSES.has(change.status))
      return false;
    this.#known.set(key, change.status);
    return true;
  }
}

/** The status change a FleetEvent reports about `commandId`, if it is one. */
export function statusChangeOf(event: FleetEvent, commandId: string): StatusChange | undefined {
  const detail = event.detail;
  if (detail["command-id"] !== commandId || typeof detail.status !== "string") return undefined;
  if (event["detail-type"] === COMMAND_EVENT) return { status: detail.status };
  if (event["detail-type"] === INVOCATION_EVENT && typeof detail["instance-id"] === "string") {
    return { instanceId: detail["instance-id"], status: detail.status };
  }
  return undefined;
}
