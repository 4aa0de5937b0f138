/**
 * The domain records fleetrun keeps. Times are epoch milliseconds; the API edge converts them
 * to the wire forms (epoch seconds, ISO strings).
 */

/** Terminal and non-terminal invocation details, as SSM reports them in `StatusDetails`. */
export const INVOCATION_DETAILS = [
  "Pending",
  "InProgress",
  "Delayed",
  "Cancelling",
  "Success",
  "Failed",
  "Cancelled",
  "DeliveryTimedOut",
  "ExecutionTimedOut",
  "Undeliverable",
  "Terminated",
  "InvalidPlatform",
  "AccessDenied",
] as const;
export type InvocationDetails = (typeof INVOCATION_DETAILS)[number];

/** Invocation `Status` (the model's CommandInvocationStatus enum). */
export type InvocationStatus =
  | "Pending"
  | "InProgress"
  | "Delayed"
  | "Success"
  | "Cancelled"
  | "TimedOut"
  | "Failed"
  | "Cancelling";

/** Command `Status` (the model's CommandStatus enum). */
export type CommandStatus = "Pending" | "InProgress" | "Success" | "Cancelled" | "Failed" | "TimedOut" | "Cancelling";

/** Command `StatusDetails` values beyond the invocation ones. */
export type CommandDetails =
  | "Pending"
  | "InProgress"
  | "Cancelling"
  | "Success"
  | "Failed"
  | "Cancelled"
  | "DeliveryTimedOut"
  | "ExecutionTimedOut"
  | "Incomplete"
  | "NoInstancesInTag"
  | "LimitExceeded";

/** A target entry as sent on SendCommand. */
export interface Target {
  Key: string;
  Values: string[];
}

/** One plugin (step) result inside an invocation. */
export interface PluginResult {
  name: string;
  action: string;
  status: "Pending" | "InProgress" | "Success" | "TimedOut" | "Cancelled" | "Failed";
  responseCode: number;
  output: string;
  stdout: string;
  stderr: string;
  startedAt?: number;
  endedAt?: number;
  standardOutputUrl?: string;
  standardErrorUrl?: string;
}

/** A command as stored. */
export interface CommandRecord {
  commandId: string;
  documentName: string;
  documentVersion: string;
  documentContent: string;
  comment: string;
  parameters: Record<string, string[]>;
  /** Typed parameter values delivered to agents (defaults applied). */
  typedParameters: Record<string, unknown>;
  instanceIds: string[];
  targets: Target[];
  requestedAt: number;
  expiresAt: number;
  timeoutSeconds: number;
  maxConcurrency: string;
  maxErrors: string;
  status: CommandStatus;
  statusDetails: CommandDetails;
  targetCount: number;
  completedCount: number;
  errorCount: number;
  deliveryTimedOutCount: number;
  outputS3BucketName: string;
  outputS3KeyPrefix: string;
  serviceRole: string;
  notificationConfig: { NotificationArn: string; NotificationEvents: string[]; NotificationType: string };
  cloudWatchOutputConfig: { CloudWatchLogGroupName: string; CloudWatchOutputEnabled: boolean };
  /** Access key id of the caller, for audit and filtering. */
  requestedBy: string;
}

/** One node's share of a command. */
export interface InvocationRecord {
  commandId: string;
  instanceId: string;
  instanceName: string;
  /** Release order within the command (0-based); the scheduler releases in this order. */
  seq: number;
  status: InvocationStatus;
  statusDetails: InvocationDetails;
  requestedAt: number;
  /** When the scheduler handed it to delivery; undefined while queued. */
  releasedAt?: number;
  /** When the agent acknowledged receipt (spooled it). */
  deliveredAt?: number;
  startedAt?: number;
  endedAt?: number;
  responseCode: number;
  stdout: string;
  stderr: string;
  plugins: PluginResult[];
  cancelRequested: boolean;
  updatedAt: number;
}

/** A hybrid activation. */
export interface ActivationRecord {
  activationId: string;
  /** SHA-256 hex of the activation code; the code itself is shown once. */
  codeHash: string;
  description: string;
  defaultInstanceName: string;
  iamRole: string;
  registrationLimit: number;
  registrationsCount: number;
  expiresAt: number;
  createdAt: number;
  tags: Array<{ Key: string; Value: string }>;
}

/** A registered managed node. */
export interface NodeRecord {
  instanceId: string;
  activationId: string;
  /** Ed25519 public key, SPKI DER base64. */
  publicKey: string;
  name: string;
  computerName: string;
  ipAddress: string;
  platformType: "Linux" | "MacOS" | "Windows";
  platformName: string;
  platformVersion: string;
  agentVersion: string;
  iamRole: string;
  registeredAt: number;
  /** Last heartbeat or connect; undefined before the first connection. */
  lastPingAt?: number;
  /** True while a gateway holds its socket (as last recorded; may be stale after a crash). */
  connected: boolean;
}

/** Whether an access key may sign requests (IAM's `statusType`). */
export type AccessKeyStatus = "Active" | "Inactive";

/**
 * A SigV4 access key of an IAM user. The secret is kept only sealed (AES-256-GCM under the master
 * key, bound to the key id); it is opened only to verify a signature.
 */
export interface AccessKeyRecord {
  accessKeyId: string;
  userName: string;
  status: AccessKeyStatus;
  /** Base64 ciphertext of the secret access key, GCM tag included. */
  secretCiphertext: string;
  /** Base64 12-byte GCM nonce. */
  secretNonce: string;
  createdAt: number;
  /** When the key last signed a request; absent when never recorded. */
  lastUsedAt?: number;
}
