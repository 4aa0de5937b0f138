import {
  executionTimeoutOf,
  parseDocument,
  planSteps,
  platformTypesOf,
  resolveParameters,
} from "../../protocol/document/index.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { DocumentCatalog } from "../documents/document-catalog.ts";
import type { CommandRecord, InvocationRecord, NodeRecord, Target } from "../model.ts";
import type { Clock } from "../ports/clock.ts";
import type { Ids } from "../ports/ids.ts";
import type { Store } from "../ports/store.ts";
import { errorBudget } from "../rate-control.ts";
import { rollUp } from "../status-rollup.ts";
import { resolveTargets } from "../targeting.ts";

/** Nodes are read in batches so a tag matching the whole fleet stays within SQL parameter limits. */
const NODE_BATCH = 500;

/** SendCommand's input after the model-level validation at the edge. */
export interface SendCommandInput {
  DocumentName: string;
  DocumentVersion?: string;
  DocumentHash?: string;
  DocumentHashType?: string;
  InstanceIds?: string[];
  Targets?: Target[];
  Parameters?: Record<string, string[]>;
  TimeoutSeconds?: number;
  Comment?: string;
  MaxConcurrency?: string;
  MaxErrors?: string;
  OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string;
  ServiceRoleArn?: string;
  NotificationConfig?: { NotificationArn?: string; NotificationEvents?: string[]; NotificationType?: string };
  CloudWatchOutputConfig?: { CloudWatchLogGroupName?: string; CloudWatchOutputEnabled?: boolean };
}

/** What SendCommand needs from the outside world. */
export interface SendCommandDeps {
  store: Store;
  documents: DocumentCatalog;
  clock: Clock;
  ids: Ids;
  /**
   * Per-target authorization: given the resolved nodes and whether they were named explicitly,
   * returns the ones the caller may not command (their invocations end AccessDenied and are never
   * sent), or throws to refuse the whole command. Absent: every node is allowed.
   */
  deniedTargets?(instanceIds: readonly string[], explicit: boolean): Promise<ReadonlySet<string>>;
  /** Whether a NotificationArn names somewhere to notify (a webhook URL or a known topic). Absent: any is accepted. */
  knownNotificationTarget?(arn: string): Promise<boolean>;
  /** Why OutputS3BucketName/OutputS3KeyPrefix cannot take the output (InvalidOutputFolder), or undefined. Absent: any is accepted. */
  outputFolderProblem?(bucket: string | undefined, prefix: string): Promise<string | undefined>;
}

/**
 * Validates a command against its document, resolves its targets and writes the command with one
 * invocation per node in one transaction. The scheduler releases the invocations afterwards.
 */
export async function sendCommand(
  deps: SendCommandDeps,
  input: SendCommandInput,
  requestedBy: string,
): Promise<CommandRecord> {
  const { store, documents, clock, ids } = deps;
  const doc = await documents.resolve(input.DocumentName, input.DocumentVersion);
  if (input.DocumentHash !== undefined && input.DocumentHashType !== "Sha1" && input.DocumentHash !== doc.hash) {
    throw new SsmError(
      "InvalidDocument",
      `The hash of document ${doc.name} version ${doc.version} does not match DocumentHash.`,
    );
  }
  const notificationArn = input.NotificationConfig?.NotificationArn;
  if (notificationArn && deps.knownNotificationTarget && !(await deps.knownNotificationTarget(notificationArn))) {
    throw new SsmError(
      "InvalidNotificationConfig",
      `NotificationArn ${notificationArn} is neither an http(s):// URL nor a topic created with fleetrun topics create.`,
    );
  }
  const folderProblem = await deps.outputFolderProblem?.(input.OutputS3BucketName, input.OutputS3KeyPrefix ?? "");
  if (folderProblem !== undefined) throw new SsmError("InvalidOutputFolder", folderProblem);
  const parsed = parseDocument(doc.content);
  const typedParameters = resolveParameters(parsed.parameters, input.Parameters);
  const executionTimeout = executionTimeoutOf(planSteps(parsed, typedParameters));
  const platforms = new Set(platformTypesOf(parsed));

  const { instanceIds, byTag } = await resolveTargets(store, input.InstanceIds, input.Targets);
  const denied = (await deps.deniedTargets?.(instanceIds, !byTag)) ?? new Set<string>();
  const now = clock.now();
  const timeoutSeconds = input.TimeoutSeconds ?? 3600;
  const commandId = ids.uuid();
  const maxConcurrency = input.MaxConcurrency ?? "50";
  const maxErrors = input.MaxErrors ?? "0";

  const nodes = new Map<string, NodeRecord>();
  for (let i = 0; i < instanceIds.length; i += NODE_BATCH) {
    const batch = instanceIds.slice(i, i + NODE_BATCH);
    const page = await store.listNodes({ instanceIds: batch }, { offset: 0, limit: batch.length });
    for (const n of page.items) nodes.set(n.instanceId, n);
  }
  const invocations: InvocationRecord[] = [];
  for (const [seq, instanceId] of instanceIds.entries()) {
    const node = nodes.get(instanceId);
    const refused: InvocationRecord["statusDetails"] | undefined = denied.has(instanceId)
      ? "AccessDenied"
      : node !== undefined && platforms.has(node.platformType)
        ? undefined
        : "InvalidPlatform";
    invocations.push({
      commandId,
      instanceId,
      instanceName: node?.computerName ?? "",
      seq,
      status: refused ? "Failed" : "Pending",
      statusDetails: refused ?? "Pending",
      requestedAt: now,
      ...(refused ? { endedAt: now } : {}),
      responseCode: -1,
      stdout: "",
      stderr: "",
      plugins: [],
      cancelRequested: false,
      updatedAt: now,
    });
  }
  const counts: Partial<Record<InvocationRecord["statusDetails"], number>> = {};
  for (const inv of invocations) counts[inv.statusDetails] = (counts[inv.statusDetails] ?? 0) + 1;
  const rolled = rollUp({
    counts,
    targetCount: instanceIds.length,
    errorBudget: errorBudget(maxErrors, instanceIds.length),
    cancelRequested: false,
  });

  const command: CommandRecord = {
    commandId,
    documentName: doc.name,
    documentVersion: input.DocumentVersion ?? "",
    documentContent: doc.content,
    comment: input.Comment ?? "",
    parameters: input.Parameters ?? {},
    typedParameters,
    instanceIds: input.InstanceIds ?? [],
    targets: input.Targets ?? [],
    requestedAt: now,
    expiresAt: now + (timeoutSeconds + executionTimeout) * 1000,
    timeoutSeconds,
    maxConcurrency,
    maxErrors,
    ...rolled,
    targetCount: instanceIds.length,
    outputS3BucketName: input.OutputS3BucketName ?? "",
    outputS3KeyPrefix: input.OutputS3KeyPrefix ?? "",
    serviceRole: input.ServiceRoleArn ?? "",
    notificationConfig: {
      NotificationArn: input.NotificationConfig?.NotificationArn ?? "",
      NotificationEvents: input.NotificationConfig?.NotificationEvents ?? [],
      NotificationType: input.NotificationConfig?.NotificationType ?? "",
    },
    cloudWatchOutputConfig: {
      CloudWatchLogGroupName: input.CloudWatchOutputConfig?.CloudWatchLogGroupName ?? "",
      CloudWatchOutputEnabled: input.CloudWatchOutputConfig?.CloudWatchOutputEnabled ?? false,
    },
    requestedBy,
  };
  await store.createCommand(command, invocations);
  return command;
}
