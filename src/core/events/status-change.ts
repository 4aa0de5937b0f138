import type { CommandRecord, InvocationStatus } from "../model.ts";

/** Node lifecycle changes that become `source: fleetrun` events. */
export type NodeChange = "Registered" | "Connected" | "ConnectionLost" | "Deregistered";

/**
 * One state change, as the place that wrote it reports it (times are epoch milliseconds). The
 * event pipeline turns these into FleetEvents, notifications and rule actions.
 */
export type StatusChange =
  /** A command's status changed; `command` is its record after the change. */
  | { kind: "command"; command: CommandRecord; at: number }
  /** An invocation's status changed. */
  | { kind: "invocation"; commandId: string; instanceId: string; status: InvocationStatus; at: number }
  /** A node registered, connected, lost its connection or was deregistered. */
  | { kind: "node"; change: NodeChange; instanceId: string; at: number };

/**
 * The port state changes are reported to. `push` must return at once and never throw: it is called
 * right after the state was written, on the paths that run commands.
 */
export interface StatusChangeSink {
  push(change: StatusChange): void;
}
