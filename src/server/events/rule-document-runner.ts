import { sendCommand } from "../../core/commands/send-command.ts";
import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import { documentNameOf } from "../../core/documents/document-catalog.ts";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { RuleAction, RuleRecord } from "../../core/ports/event-store.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import { Authorizer, type PolicySource } from "../auth/authorizer.ts";

/** The Comment of commands that rules start; events of such commands never start more (no loops). */
export const RULE_COMMENT_PREFIX = "fleetrun rule ";

/** What running a rule's document needs. */
export interface RuleDocumentDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  documents: DocumentCatalog;
  policies: PolicySource;
  region: string;
  accountId: string;
}

const ACTION = "ssm:SendCommand";

/**
 * Sends the rule's document to one node, as the rule's creator: their policies must still allow
 * ssm:SendCommand on the document and on the node (AccessDeniedException otherwise). Returns the
 * CommandId.
 */
export async function runRuleDocument(
  deps: RuleDocumentDeps,
  rule: RuleRecord,
  action: Extract<RuleAction, { type: "run-document" }>,
  instanceId: string,
): Promise<string> {
  const { store, clock, region, accountId } = deps;
  const caller = { ...rule.createdBy, sourceIp: "", secureTransport: true };
  const authz = new Authorizer({ policies: deps.policies, store, clock, region, accountId }, caller);
  await authz.require(ACTION, await authz.document(documentNameOf(action.documentName)));
  const command = await sendCommand(
    {
      ...deps,
      deniedTargets: async (ids) => {
        await authz.requireNodes(ACTION, ids);
        return new Set();
      },
    },
    {
      DocumentName: action.documentName,
      ...(action.documentVersion === undefined ? {} : { DocumentVersion: action.documentVersion }),
      InstanceIds: [instanceId],
      Parameters: action.parameters,
      Comment: `${RULE_COMMENT_PREFIX}${rule.name}`,
    },
    rule.createdBy.accessKeyId,
  );
  await deps.bus.publish("scheduler", { kind: "command-changed", commandId: command.commandId });
  return command.commandId;
}
