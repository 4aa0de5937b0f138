import type { CommandRecord } from "../model.ts";

/** NotificationType values: one message per command status change, or one per node's. */
export type NotificationType = "Command" | "Invocation";

/** The statuses SSM notifies (never Pending, Delayed or Cancelling), as NotificationEvents names them. */
export const NOTIFIED_STATUSES: readonly string[] = ["InProgress", "Success", "TimedOut", "Cancelled", "Failed"];

/**
 * Whether a status change of kind `type` to `status` is notified under the command's
 * NotificationConfig. No NotificationArn: never. An empty NotificationEvents means `All`; an
 * empty NotificationType means `Command`.
 */
export function notificationWanted(
  config: CommandRecord["notificationConfig"],
  type: NotificationType,
  status: string,
): boolean {
  if (config.NotificationArn === "") return false;
  if ((config.NotificationType || "Command") !== type) return false;
  if (!NOTIFIED_STATUSES.includes(status)) return false;
  const events = config.NotificationEvents.length > 0 ? config.NotificationEvents : ["All"];
  return events.includes("All") || events.includes(status);
}
