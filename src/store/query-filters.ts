import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { TERMINAL_DETAILS } from "../core/invocation-states.ts";
import type {
  ActivationFilter,
  CommandFilter,
  InvocationFilter,
  NodeFilter,
  TagSelector,
} from "../core/ports/store.ts";
import type { Database } from "./schema.ts";

type Condition = Expression<SqlBool>;

/** Statuses of a command that is still running. */
export const EXECUTING_STATUSES = ["Pending", "InProgress", "Cancelling"] as const;

/** `column IN values`; an empty list matches nothing (an OR of no values). */
export function oneOf<TB extends keyof Database>(
  eb: ExpressionBuilder<Database, TB>,
  column: string,
  values: readonly string[],
): Condition {
  if (values.length === 0) return eb.or([]);
  // The column names come from this file only; Kysely cannot type a computed reference.
  return eb(eb.ref(column as never), "in", values as never);
}

/** Conditions of DescribeActivations: each list ORs its values, lists AND together. */
export function activationConditions(eb: ExpressionBuilder<Database, "activations">, f: ActivationFilter): Condition {
  const c: Condition[] = [];
  if (f.activationIds) c.push(oneOf(eb, "activation_id", f.activationIds));
  if (f.defaultInstanceNames) c.push(oneOf(eb, "default_instance_name", f.defaultInstanceNames));
  if (f.iamRoles) c.push(oneOf(eb, "iam_role", f.iamRoles));
  return eb.and(c);
}

/** A node carries a tag with the selector's key and (when values are given) one of its values. */
export function nodeHasTag(eb: ExpressionBuilder<Database, "nodes">, selector: TagSelector): Condition {
  let q = eb
    .selectFrom("tags")
    .select("tags.key")
    .where("tags.resource_type", "=", "ManagedInstance")
    .whereRef("tags.resource_id", "=", "nodes.instance_id")
    .where("tags.key", "=", selector.key);
  if (selector.values !== undefined) {
    const values = selector.values;
    q = q.where((t) => oneOf(t, "tags.value", values));
  }
  return eb.exists(q);
}

/** Conditions of DescribeInstanceInformation. Online = connected and pinged at or after `onlineSince`. */
export function nodeConditions(eb: ExpressionBuilder<Database, "nodes">, f: NodeFilter): Condition {
  const c: Condition[] = [];
  if (f.instanceIds) c.push(oneOf(eb, "instance_id", f.instanceIds));
  if (f.activationIds) c.push(oneOf(eb, "activation_id", f.activationIds));
  if (f.agentVersions) c.push(oneOf(eb, "agent_version", f.agentVersions));
  if (f.platformTypes) c.push(oneOf(eb, "platform_type", f.platformTypes));
  if (f.iamRoles) c.push(oneOf(eb, "iam_role", f.iamRoles));
  for (const selector of f.tags ?? []) c.push(nodeHasTag(eb, selector));
  if (f.ping) {
    const since = f.ping.onlineSince;
    const online = eb.and([eb("connected", "=", 1), eb("last_ping_at", ">=", since)]);
    // NULL-safe negation: a node that never pinged is ConnectionLost, not unknown.
    const lost = eb.or([eb("connected", "=", 0), eb("last_ping_at", "is", null), eb("last_ping_at", "<", since)]);
    const wanted: Condition[] = [];
    if (f.ping.statuses.includes("Online")) wanted.push(online);
    if (f.ping.statuses.includes("ConnectionLost")) wanted.push(lost);
    c.push(eb.or(wanted));
  }
  return eb.and(c);
}

/** Conditions of ListCommands. InvokedAfter/InvokedBefore are inclusive. */
export function commandConditions(eb: ExpressionBuilder<Database, "commands">, f: CommandFilter): Condition {
  const c: Condition[] = [];
  if (f.commandId !== undefined) c.push(eb("command_id", "=", f.commandId));
  if (f.instanceId !== undefined) {
    const instanceId = f.instanceId;
    c.push(
      eb.exists(
        eb
          .selectFrom("invocations")
          .select("invocations.seq")
          .whereRef("invocations.command_id", "=", "commands.command_id")
          .where("invocations.instance_id", "=", instanceId),
      ),
    );
  }
  if (f.statuses) c.push(oneOf(eb, "status", f.statuses));
  if (f.statusDetails) c.push(oneOf(eb, "status_details", f.statusDetails));
  if (f.documentName !== undefined) c.push(eb("document_name", "=", f.documentName));
  if (f.invokedAfter !== undefined) c.push(eb("requested_at", ">=", f.invokedAfter));
  if (f.invokedBefore !== undefined) c.push(eb("requested_at", "<=", f.invokedBefore));
  if (f.executionStage === "Executing") c.push(oneOf(eb, "status", EXECUTING_STATUSES));
  if (f.executionStage === "Complete") c.push(eb.not(oneOf(eb, "status", EXECUTING_STATUSES)));
  return eb.and(c);
}

/** Conditions of ListCommandInvocations. InvokedAfter/InvokedBefore are inclusive. */
export function invocationConditions(eb: ExpressionBuilder<Database, "invocations">, f: InvocationFilter): Condition {
  const c: Condition[] = [];
  if (f.commandId !== undefined) c.push(eb("command_id", "=", f.commandId));
  if (f.instanceId !== undefined) c.push(eb("instance_id", "=", f.instanceId));
  if (f.statuses) c.push(oneOf(eb, "status", f.statuses));
  if (f.statusDetails) c.push(oneOf(eb, "status_details", f.statusDetails));
  if (f.documentName !== undefined) {
    const documentName = f.documentName;
    c.push(
      eb.exists(
        eb
          .selectFrom("commands")
          .select("commands.command_id")
          .whereRef("commands.command_id", "=", "invocations.command_id")
          .where("commands.document_name", "=", documentName),
      ),
    );
  }
  if (f.invokedAfter !== undefined) c.push(eb("requested_at", ">=", f.invokedAfter));
  if (f.invokedBefore !== undefined) c.push(eb("requested_at", "<=", f.invokedBefore));
  return eb.and(c);
}

/** `status_details` is not one of the terminal details. */
export function notTerminal(eb: ExpressionBuilder<Database, "invocations">): Condition {
  return eb.not(oneOf(eb, "status_details", TERMINAL_DETAILS));
}
