import type {
  ActivationRecord,
  CommandRecord,
  CommandStatus,
  InvocationDetails,
  InvocationRecord,
  InvocationStatus,
  NodeRecord,
} from "../model.ts";
import type { AuditStore } from "./audit-store.ts";
import type { DocumentStore } from "./document-store.ts";
import type { EventStore } from "./event-store.ts";
import type { IdentityStore } from "./identity-store.ts";

/** A page request: offset-based; the API edge turns offsets into opaque NextTokens. */
export interface PageRequest {
  offset: number;
  limit: number;
}

/** A page of results; `more` says whether anything follows. */
export interface Page<T> {
  items: T[];
  more: boolean;
}

/** Why a registration was refused. */
export type RegisterOutcome = "registered" | "not-found" | "expired" | "limit-reached";

/** Resource kinds that carry tags. */
export type TaggedResourceType = "ManagedInstance" | "Document";

/** A tag selector: `values` undefined means "has the key" (tag-key); otherwise the value is one of them. */
export interface TagSelector {
  key: string;
  values?: string[];
}

/** Filters of DescribeActivations (each list ORs its values; lists AND together). */
export interface ActivationFilter {
  activationIds?: string[];
  defaultInstanceNames?: string[];
  iamRoles?: string[];
}

/** Filters of DescribeInstanceInformation (resolved to plain values by the API layer). */
export interface NodeFilter {
  instanceIds?: string[];
  activationIds?: string[];
  agentVersions?: string[];
  platformTypes?: string[];
  iamRoles?: string[];
  tags?: TagSelector[];
  /** Ping filtering needs "now": online = connected && lastPingAt >= onlineSince. */
  ping?: { statuses: Array<"Online" | "ConnectionLost">; onlineSince: number };
}

/** Filters of ListCommands. */
export interface CommandFilter {
  commandId?: string;
  instanceId?: string;
  statuses?: CommandStatus[];
  statusDetails?: string[];
  documentName?: string;
  invokedAfter?: number;
  invokedBefore?: number;
  /** Executing = Pending/InProgress/Cancelling; Complete = the rest. */
  executionStage?: "Executing" | "Complete";
}

/** Filters of ListCommandInvocations. */
export interface InvocationFilter {
  commandId?: string;
  instanceId?: string;
  statuses?: InvocationStatus[];
  statusDetails?: InvocationDetails[];
  documentName?: string;
  invokedAfter?: number;
  invokedBefore?: number;
}

/** Which invocations a bulk transition applies to (all conditions AND). */
export interface InvocationSelector {
  commandId: string;
  details: InvocationDetails[];
  /** true: only those the agent acknowledged; false: only those it did not. */
  delivered?: boolean;
  /** Only those released (true) or still queued (false). */
  released?: boolean;
  instanceIds?: string[];
}

/** The new state a bulk transition sets. */
export interface InvocationTransition {
  status: InvocationStatus;
  statusDetails: InvocationDetails;
  endedAt?: number;
  cancelRequested?: boolean;
  updatedAt: number;
}

/** Fields of a node a connection or heartbeat updates. */
export type NodePatch = Partial<Omit<NodeRecord, "instanceId" | "activationId" | "registeredAt">>;
/** Fields of a command the scheduler updates. */
export type CommandPatch = Partial<
  Pick<
    CommandRecord,
    "status" | "statusDetails" | "targetCount" | "completedCount" | "errorCount" | "deliveryTimedOutCount"
  >
>;
/** Fields of an invocation results and deliveries update. */
export type InvocationPatch = Partial<Omit<InvocationRecord, "commandId" | "instanceId" | "seq" | "requestedAt">>;

/**
 * The Store port: all durable state. Every method is atomic on its own. Implementations:
 * store/sqlite (embedded default) and store/postgres, both passing store/store-contract.ts.
 */
export interface Store extends DocumentStore, IdentityStore, AuditStore, EventStore {
  /** Creates or upgrades the schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createActivation(activation: ActivationRecord): Promise<void>;
  getActivation(activationId: string): Promise<ActivationRecord | undefined>;
  /** Newest first. */
  listActivations(filter: ActivationFilter, page: PageRequest): Promise<Page<ActivationRecord>>;
  deleteActivation(activationId: string): Promise<boolean>;
  /**
   * Registers a node against an activation in one transaction: checks the code hash, expiry and
   * registration limit, increments the count, inserts the node and copies the activation's tags
   * onto it.
   */
  registerNode(activationId: string, codeHash: string, node: NodeRecord, now: number): Promise<RegisterOutcome>;

  getNode(instanceId: string): Promise<NodeRecord | undefined>;
  /** Ordered by instanceId. */
  listNodes(filter: NodeFilter, page: PageRequest): Promise<Page<NodeRecord>>;
  updateNode(instanceId: string, patch: NodePatch): Promise<boolean>;
  /** Deletes the node and its tags. */
  deleteNode(instanceId: string): Promise<boolean>;
  /** Node ids matching every selector (AND across selectors, OR within values), ordered by id. */
  findNodeIdsByTags(selectors: TagSelector[]): Promise<string[]>;
  /** Of the given ids, those that are registered. */
  existingNodeIds(instanceIds: string[]): Promise<string[]>;

  /** Adds or overwrites tags. */
  putTags(type: TaggedResourceType, resourceId: string, tags: Array<{ Key: string; Value: string }>): Promise<void>;
  removeTags(type: TaggedResourceType, resourceId: string, keys: string[]): Promise<void>;
  /** Ordered by key. */
  listTags(type: TaggedResourceType, resourceId: string): Promise<Array<{ Key: string; Value: string }>>;
  /** Tags of many resources at once (ordered by key); every id is in the map, [] when untagged. */
  listTagsOfMany(
    type: TaggedResourceType,
    resourceIds: readonly string[],
  ): Promise<Map<string, Array<{ Key: string; Value: string }>>>;

  /** Writes a command and all its invocations in one transaction (bulk insert). */
  createCommand(command: CommandRecord, invocations: InvocationRecord[]): Promise<void>;
  getCommand(commandId: string): Promise<CommandRecord | undefined>;
  /** Newest requestedAt first (ties: commandId). */
  listCommands(filter: CommandFilter, page: PageRequest): Promise<Page<CommandRecord>>;
  updateCommand(commandId: string, patch: CommandPatch): Promise<void>;
  /** Commands whose status is Pending, InProgress or Cancelling. */
  listActiveCommandIds(): Promise<string[]>;

  getInvocation(commandId: string, instanceId: string): Promise<InvocationRecord | undefined>;
  /** Newest requestedAt first, then by commandId, then seq. */
  listInvocations(filter: InvocationFilter, page: PageRequest): Promise<Page<InvocationRecord>>;
  /** Number of invocations of a command in each StatusDetails value (absent = 0). */
  countInvocations(commandId: string): Promise<Partial<Record<InvocationDetails, number>>>;
  /**
   * Releases up to `count` queued invocations (lowest seq first, status Pending and not yet
   * released): sets releasedAt = now, Status/StatusDetails InProgress. Returns those released.
   */
  releaseInvocations(commandId: string, count: number, now: number): Promise<InvocationRecord[]>;
  /**
   * Updates one invocation. With `unlessTerminal`, does nothing when its StatusDetails is already
   * terminal (Success, Failed, Cancelled, DeliveryTimedOut, ExecutionTimedOut, Undeliverable,
   * Terminated, InvalidPlatform, AccessDenied). Returns whether a row changed.
   */
  updateInvocation(
    commandId: string,
    instanceId: string,
    patch: InvocationPatch,
    options?: { unlessTerminal?: boolean },
  ): Promise<boolean>;
  /** Moves every invocation the selector matches to a new state; returns the moved rows (after the update). */
  transitionInvocations(selector: InvocationSelector, to: InvocationTransition): Promise<InvocationRecord[]>;
  /**
   * How far a command's release has got: `released` = invocations ever released; `acknowledged`
   * = released ones the agent acknowledged or that already ended (drives the ramp-up).
   */
  releaseProgress(commandId: string): Promise<{ released: number; acknowledged: number }>;
  /** A node's released, non-terminal invocations (InProgress or Cancelling), oldest first: what to (re)deliver. */
  deliverableFor(instanceId: string): Promise<InvocationRecord[]>;
}
