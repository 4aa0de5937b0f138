import { z } from "zod";
import { parseNotificationTarget, TOPIC_NAME, topicArn } from "../../core/notifications/notification-target.ts";
import type { TopicRecord } from "../../core/ports/event-store.ts";
import { isoDate, nextToken, pageOf, parseInput } from "./api-input.ts";
import {
  type FleetrunApiContext,
  type FleetrunOperation,
  SECRET_LENGTH,
  secretContext,
} from "./fleetrun-api-context.ts";
import { FleetrunApiError } from "./fleetrun-api-error.ts";

const topicInput = z.object({ Topic: z.string().min(1) });
const paging = { MaxResults: z.number().int().min(1).max(50).optional(), NextToken: z.string().optional() };
const webhookUrl = z
  .string()
  .max(2048)
  .refine((url) => parseNotificationTarget(url)?.kind === "webhook", "must be an http:// or https:// URL");

/** A topic given by name or ARN, as its name. */
function topicName(topic: string): string {
  const target = parseNotificationTarget(topic);
  if (target?.kind !== "topic") {
    throw new FleetrunApiError("ValidationException", `Topic: ${topic} is neither a topic name nor an SNS topic ARN.`);
  }
  return target.name;
}

async function existingTopic(ctx: FleetrunApiContext, name: string): Promise<TopicRecord> {
  const topic = await ctx.store.getTopic(name);
  if (!topic) throw new FleetrunApiError("ResourceNotFoundException", `Topic ${name} does not exist.`);
  return topic;
}

const arnOf = (ctx: FleetrunApiContext, name: string) => topicArn(ctx.region, ctx.accountId, name);

/** CreateTopic {Name} → {TopicArn, SigningSecret}: the secret that signs its deliveries, shown only here. */
const createTopic: FleetrunOperation = async (ctx, input) => {
  const { Name: name } = parseInput(
    z.object({ Name: z.string().regex(TOPIC_NAME, "use 1-256 of A-Z a-z 0-9 _ -") }),
    input,
  );
  await ctx.authz.require("fleetrun:CreateTopic", { arn: arnOf(ctx, name) });
  const secret = ctx.ids.secret(SECRET_LENGTH);
  const sealed = ctx.box.seal(secret, secretContext(`topic:${name}`));
  const created = await ctx.store.createTopic({
    name,
    secretCiphertext: sealed.ciphertext,
    secretNonce: sealed.nonce,
    createdAt: ctx.clock.now(),
    createdBy: ctx.caller.accessKeyId,
  });
  if (!created) throw new FleetrunApiError("ResourceAlreadyExistsException", `Topic ${name} already exists.`);
  return { TopicArn: arnOf(ctx, name), SigningSecret: secret };
};

/** DeleteTopic {Topic}: the topic and its subscriptions. */
const deleteTopic: FleetrunOperation = async (ctx, input) => {
  const name = topicName(parseInput(topicInput, input).Topic);
  await ctx.authz.require("fleetrun:DeleteTopic", { arn: arnOf(ctx, name) });
  if (!(await ctx.store.deleteTopic(name))) {
    throw new FleetrunApiError("ResourceNotFoundException", `Topic ${name} does not exist.`);
  }
  return {};
};

/** ListTopics {MaxResults?, NextToken?} → {Topics: [{Name, TopicArn, CreatedDate}]}. */
const listTopics: FleetrunOperation = async (ctx, input) => {
  const page = pageOf(parseInput(z.object(paging), input));
  await ctx.authz.require("fleetrun:ListTopics", "*");
  const topics = await ctx.store.listTopics(page);
  return {
    Topics: topics.items.map((t) => ({
      Name: t.name,
      TopicArn: arnOf(ctx, t.name),
      CreatedDate: isoDate(t.createdAt),
    })),
    ...nextToken(page, topics.more),
  };
};

/** Subscribe {Topic, Endpoint} → {SubscriptionArn}: a webhook that receives the topic's messages. */
const subscribe: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(z.object({ Topic: z.string().min(1), Endpoint: webhookUrl }), input);
  const name = topicName(parsed.Topic);
  await ctx.authz.require("fleetrun:Subscribe", { arn: arnOf(ctx, name) });
  await existingTopic(ctx, name);
  const subscriptionId = ctx.ids.uuid();
  await ctx.store.createSubscription({
    subscriptionId,
    topicName: name,
    endpoint: parsed.Endpoint,
    createdAt: ctx.clock.now(),
  });
  return { SubscriptionArn: `${arnOf(ctx, name)}:${subscriptionId}` };
};

/** Unsubscribe {SubscriptionArn}. */
const unsubscribe: FleetrunOperation = async (ctx, input) => {
  const arn = parseInput(z.object({ SubscriptionArn: z.string().min(1) }), input).SubscriptionArn;
  const cut = arn.lastIndexOf(":");
  const name = topicName(arn.slice(0, cut));
  await ctx.authz.require("fleetrun:Unsubscribe", { arn: arnOf(ctx, name) });
  if (cut < 0 || !(await ctx.store.deleteSubscription(arn.slice(cut + 1)))) {
    throw new FleetrunApiError("ResourceNotFoundException", `Subscription ${arn} does not exist.`);
  }
  return {};
};

/** ListSubscriptions {Topic?, MaxResults?, NextToken?} → {Subscriptions: [...]}. */
const listSubscriptions: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(z.object({ Topic: z.string().min(1).optional(), ...paging }), input);
  const name = parsed.Topic === undefined ? undefined : topicName(parsed.Topic);
  await ctx.authz.require("fleetrun:ListSubscriptions", name === undefined ? "*" : { arn: arnOf(ctx, name) });
  const page = pageOf(parsed);
  const subs = await ctx.store.listSubscriptions(name, page);
  return {
    Subscriptions: subs.items.map((s) => ({
      SubscriptionArn: `${arnOf(ctx, s.topicName)}:${s.subscriptionId}`,
      TopicArn: arnOf(ctx, s.topicName),
      Endpoint: s.endpoint,
      CreatedDate: isoDate(s.createdAt),
    })),
    ...nextToken(page, subs.more),
  };
};

/** The topic operations by name. */
export const TOPIC_OPERATIONS: Readonly<Record<string, FleetrunOperation>> = {
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
};
