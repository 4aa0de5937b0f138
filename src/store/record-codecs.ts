import type { ActivationRecord, CommandRecord, InvocationRecord, NodeRecord } from "../core/model.ts";
import { RowCodec } from "./row-codec.ts";

/** `ActivationRecord` ↔ `activations`. */
export const activationCodec = new RowCodec<ActivationRecord>({
  activationId: ["activation_id", "plain"],
  codeHash: ["code_hash", "plain"],
  description: ["description", "plain"],
  defaultInstanceName: ["default_instance_name", "plain"],
  iamRole: ["iam_role", "plain"],
  registrationLimit: ["registration_limit", "plain"],
  registrationsCount: ["registrations_count", "plain"],
  expiresAt: ["expires_at", "plain"],
  createdAt: ["created_at", "plain"],
  tags: ["tags", "json"],
});

/** `NodeRecord` ↔ `nodes`. */
export const nodeCodec = new RowCodec<NodeRecord>({
  instanceId: ["instance_id", "plain"],
  activationId: ["activation_id", "plain"],
  publicKey: ["public_key", "plain"],
  name: ["name", "plain"],
  computerName: ["computer_name", "plain"],
  ipAddress: ["ip_address", "plain"],
  platformType: ["platform_type", "plain"],
  platformName: ["platform_name", "plain"],
  platformVersion: ["platform_version", "plain"],
  agentVersion: ["agent_version", "plain"],
  iamRole: ["iam_role", "plain"],
  registeredAt: ["registered_at", "plain"],
  lastPingAt: ["last_ping_at", "optional"],
  connected: ["connected", "bool"],
});

/** `CommandRecord` ↔ `commands`. */
export const commandCodec = new RowCodec<CommandRecord>({
  commandId: ["command_id", "plain"],
  documentName: ["document_name", "plain"],
  documentVersion: ["document_version", "plain"],
  documentContent: ["document_content", "plain"],
  comment: ["comment", "plain"],
  parameters: ["parameters", "json"],
  typedParameters: ["typed_parameters", "json"],
  instanceIds: ["instance_ids", "json"],
  targets: ["targets", "json"],
  requestedAt: ["requested_at", "plain"],
  expiresAt: ["expires_at", "plain"],
  timeoutSeconds: ["timeout_seconds", "plain"],
  maxConcurrency: ["max_concurrency", "plain"],
  maxErrors: ["max_errors", "plain"],
  status: ["status", "plain"],
  statusDetails: ["status_details", "plain"],
  targetCount: ["target_count", "plain"],
  completedCount: ["completed_count", "plain"],
  errorCount: ["error_count", "plain"],
  deliveryTimedOutCount: ["delivery_timed_out_count", "plain"],
  outputS3BucketName: ["output_s3_bucket_name", "plain"],
  outputS3KeyPrefix: ["output_s3_key_prefix", "plain"],
  serviceRole: ["service_role", "plain"],
  notificationConfig: ["notification_config", "json"],
  cloudWatchOutputConfig: ["cloudwatch_output_config", "json"],
  requestedBy: ["requested_by", "plain"],
});

/** `InvocationRecord` ↔ `invocations`. */
export const invocationCodec = new RowCodec<InvocationRecord>({
  commandId: ["command_id", "plain"],
  instanceId: ["instance_id", "plain"],
  instanceName: ["instance_name", "plain"],
  seq: ["seq", "plain"],
  status: ["status", "plain"],
  statusDetails: ["status_details", "plain"],
  requestedAt: ["requested_at", "plain"],
  releasedAt: ["released_at", "optional"],
  deliveredAt: ["delivered_at", "optional"],
  startedAt: ["started_at", "optional"],
  endedAt: ["ended_at", "optional"],
  responseCode: ["response_code", "plain"],
  stdout: ["stdout", "plain"],
  stderr: ["stderr", "plain"],
  plugins: ["plugins", "json"],
  cancelRequested: ["cancel_requested", "bool"],
  updatedAt: ["updated_at", "plain"],
});
