import { z } from "zod";
import { documentNameOf } from "../../core/documents/document-catalog.ts";
import { compileEventPattern, EventPatternError, MAX_PATTERN_LENGTH } from "../../core/events/event-pattern.ts";
import { matchesEventPattern } from "../../core/events/match-event-pattern.ts";
import { parseNotificationTarget } from "../../core/notifications/notification-target.ts";
import type { RuleAction, RuleRecord } from "../../core/ports/event-store.ts";
import { isoDate, nextToken, pageOf, parseInput } from "./api-input.ts";
import {
  type FleetrunApiContext,
  type FleetrunOperation,
  SECRET_LENGTH,
  secretContext,
} from "./fleetrun-api-context.ts";
import { FleetrunApiError } from "./fleetrun-api-error.ts";

/** EventBridge's rule names. */
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const patternText = z.string().min(1).max(MAX_PATTERN_LENGTH);

const createInput = z
  .object({
    Name: z.string().regex(RULE_NAME, "use 1-64 of A-Z a-z 0-9 . _ -"),
    EventPattern: patternText,
    Description: z.string().max(512).optional(),
    Webhook: z
      .string()
      .max(2048)
      .refine((url) => parseNotificationTarget(url)?.kind === "webhook", "must be an http:// or https:// URL")
      .optional(),
    RunDocument: z
      .object({
        DocumentName: z.string().min(1).max(256),
        DocumentVersion: z.string().min(1).max(16).optional(),
        Parameters: z.record(z.string(), z.array(z.string())).optional(),
      })
      .optional(),
  })
  .refine(
    (i) => (i.Webhook === undefined) !== (i.RunDocument === undefined),
    "give exactly one of Webhook and RunDocument",
  );

/** A rule's ARN, in EventBridge's form. */
export function ruleArn(region: string, accountId: string, name: string): string {
  return `arn:aws:events:${region}:${accountId}:rule/${name}`;
}

function compile(pattern: string) {
  try {
    return compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) {
      throw new FleetrunApiError("InvalidEventPatternException", `Event pattern is not valid: ${error.message}.`);
    }
    throw error;
  }
}

/**
 * CreateRule {Name, EventPattern, Description?, Webhook? | RunDocument?} → {RuleArn, SigningSecret?}.
 * A run-document rule acts with its creator's permissions, so creating one needs ssm:SendCommand on
 * the document now (and each run is authorized again, on the node too).
 */
const createRule: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(createInput, input);
  const arn = ruleArn(ctx.region, ctx.accountId, parsed.Name);
  await ctx.authz.require("fleetrun:CreateRule", { arn });
  compile(parsed.EventPattern);
  let action: RuleAction;
  if (parsed.RunDocument) {
    const { DocumentName, DocumentVersion, Parameters } = parsed.RunDocument;
    await ctx.authz.require("ssm:SendCommand", await ctx.authz.document(documentNameOf(DocumentName)));
    await ctx.documents.resolve(DocumentName, DocumentVersion);
    action = {
      type: "run-document",
      documentName: DocumentName,
      ...(DocumentVersion === undefined ? {} : { documentVersion: DocumentVersion }),
      parameters: Parameters ?? {},
    };
  } else {
    action = { type: "webhook", url: parsed.Webhook ?? "" };
  }
  const secret = ctx.ids.secret(SECRET_LENGTH);
  const sealed = ctx.box.seal(secret, secretContext(`rule:${parsed.Name}`));
  const created = await ctx.store.createRule({
    name: parsed.Name,
    description: parsed.Description ?? "",
    pattern: parsed.EventPattern,
    action,
    secretCiphertext: sealed.ciphertext,
    secretNonce: sealed.nonce,
    createdAt: ctx.clock.now(),
    createdBy: { accessKeyId: ctx.caller.accessKeyId, userName: ctx.caller.userName },
  });
  if (!created) throw new FleetrunApiError("ResourceAlreadyExistsException", `Rule ${parsed.Name} already exists.`);
  ctx.rulesChanged();
  return { RuleArn: arn, ...(action.type === "webhook" ? { SigningSecret: secret } : {}) };
};

/** DeleteRule {Name}. */
const deleteRule: FleetrunOperation = async (ctx, input) => {
  const { Name: name } = parseInput(z.object({ Name: z.string().min(1) }), input);
  await ctx.authz.require("fleetrun:DeleteRule", { arn: ruleArn(ctx.region, ctx.accountId, name) });
  if (!(await ctx.store.deleteRule(name)))
    throw new FleetrunApiError("ResourceNotFoundException", `Rule ${name} does not exist.`);
  ctx.rulesChanged();
  return {};
};

function ruleView(ctx: FleetrunApiContext, rule: RuleRecord): Record<string, unknown> {
  const { action } = rule;
  return {
    Name: rule.name,
    RuleArn: ruleArn(ctx.region, ctx.accountId, rule.name),
    EventPattern: rule.pattern,
    Description: rule.description,
    ...(action.type === "webhook"
      ? { Webhook: action.url }
      : {
          RunDocument: {
            DocumentName: action.documentName,
            ...(action.documentVersion === undefined ? {} : { DocumentVersion: action.documentVersion }),
            Parameters: action.parameters,
          },
        }),
    CreatedDate: isoDate(rule.createdAt),
    CreatedBy: rule.createdBy.userName,
  };
}

/** ListRules {MaxResults?, NextToken?} → {Rules: [...]}. */
const listRules: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(
    z.object({ MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() }),
    input,
  );
  await ctx.authz.require("fleetrun:ListRules", "*");
  const page = pageOf(parsed);
  const rules = await ctx.store.listRules(page);
  return { Rules: rules.items.map((r) => ruleView(ctx, r)), ...nextToken(page, rules.more) };
};

/** TestEventPattern {EventPattern, Event} → {Result}: whether the event (JSON text) matches. */
const testEventPattern: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(z.object({ EventPattern: patternText, Event: z.string().min(1).max(262_144) }), input);
  await ctx.authz.require("fleetrun:TestEventPattern", "*");
  let event: unknown;
  try {
    event = JSON.parse(parsed.Event);
  } catch {
    throw new FleetrunApiError("ValidationException", "Event is not valid JSON.");
  }
  return { Result: matchesEventPattern(compile(parsed.EventPattern), event) };
};

/** The rule operations by name. */
export const RULE_OPERATIONS: Readonly<Record<string, FleetrunOperation>> = {
  CreateRule: createRule,
  DeleteRule: deleteRule,
  ListRules: listRules,
  TestEventPattern: testEventPattern,
};
