/**
 * An event in EventBridge's envelope (semantics §7.4): command and invocation status changes
 * (`source: aws.ssm`) and node lifecycle events (`source: fleetrun`). Rules match these; live
 * watchers receive them.
 */
export interface FleetEvent {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  /** ISO-8601. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}
