import type { FleetEvent } from "../events/fleet-event.ts";

/**
 * The Bus port: fire-and-forget signals between the parts of one or many server replicas.
 * The Store is the truth; a lost message only delays work until the next sweep.
 */
export type BusMessage =
  /** An invocation was released or must be re-sent to its node. */
  | { kind: "deliver"; commandId: string; instanceId: string }
  /** Cancel a running invocation on its node. */
  | { kind: "cancel"; commandId: string; instanceId: string }
  /** Drop the node's socket (deregistered). */
  | { kind: "disconnect"; instanceId: string }
  /** A command's state changed: the scheduler should look at it now. */
  | { kind: "command-changed"; commandId: string }
  /** Output a running step just produced (live watchers; the full output is in the OutputStore). */
  | {
      kind: "output";
      commandId: string;
      instanceId: string;
      /** The step (plugin) name. */
      step: string;
      stream: "stdout" | "stderr";
      /** Byte offset of `text` in the step's stream. */
      offset: number;
      text: string;
    }
  /** A status-change or node event (notifications, rules, live watchers). */
  | { kind: "event"; event: FleetEvent };

/**
 * Subjects: `node.<instanceId>` for a node's session, `scheduler` for the schedulers,
 * `output.<commandId>` for a command's live output, `events` for every FleetEvent.
 */
export type Subject = `node.${string}` | "scheduler" | `output.${string}` | "events";

export interface Bus {
  publish(subject: Subject, message: BusMessage): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(subject: Subject, handler: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}
