import { resolve } from "node:path";
import type { Command } from "commander";
import { readWebhookSecret } from "../server/events/webhook-secret.ts";
import type { ClientFlags } from "./client-options.ts";
import { withClientFlags } from "./client-options.ts";
import { callFleetrun, callFleetrunPaged } from "./fleetrun-api-client.ts";
import { formatJson } from "./format/aws-json.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";

type Row = Record<string, unknown>;
type ListFlags = ClientFlags & { output: OutputFormat };
const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/**
 * `fleetrun topics ...`: notification topics that SendCommand's NotificationArn can name (by name
 * or `arn:aws:sns:<region>:<account>:<name>`), their webhook subscribers, the delivery log, and
 * the server-wide secret that signs deliveries to raw-URL webhooks.
 */
export function topicsCommand(program: Command): void {
  const topics = program
    .command("topics")
    .description("notification topics, their webhook subscribers and the delivery log");
  withClientFlags(
    topics
      .command("create <name>")
      .description("create a topic; prints its ARN and the secret that signs its deliveries (shown only once)"),
  ).action(async (name: string, flags: ClientFlags) => {
    const out = await callFleetrun(flags, "CreateTopic", { Name: name });
    process.stdout.write(formatJson(out));
    process.stderr.write(
      "Keep SigningSecret: each delivery carries X-Fleetrun-Signature: sha256=HMAC-SHA256(secret, raw body).\n",
    );
  });
  withClientFlags(topics.command("delete <name>").description("delete a topic and its subscriptions")).action(
    async (name: string, flags: ClientFlags) => {
      await callFleetrun(flags, "DeleteTopic", { Topic: name });
    },
  );
  withOutputFlag(withClientFlags(topics.command("list").description("list topics"))).action(
    async (flags: ListFlags) => {
      const rows = await callFleetrunPaged(flags, "ListTopics", {}, "Topics");
      process.stdout.write(
        render(flags.output, {
          response: { Topics: rows },
          rows,
          columns: [
            { header: "Name", value: (r: Row) => text(r.Name) },
            { header: "TopicArn", value: (r: Row) => text(r.TopicArn) },
            { header: "Created", value: (r: Row) => text(r.CreatedDate) },
          ],
        }),
      );
    },
  );
  withClientFlags(
    topics
      .command("subscribe <name>")
      .description("subscribe a webhook (http:// or https:// URL) to a topic")
      .requiredOption("--endpoint <url>", "the URL deliveries are POSTed to"),
  ).action(async (name: string, flags: ClientFlags & { endpoint: string }) => {
    process.stdout.write(formatJson(await callFleetrun(flags, "Subscribe", { Topic: name, Endpoint: flags.endpoint })));
  });
  withClientFlags(topics.command("unsubscribe <subscription-arn>").description("remove a subscription")).action(
    async (arn: string, flags: ClientFlags) => {
      await callFleetrun(flags, "Unsubscribe", { SubscriptionArn: arn });
    },
  );
  withOutputFlag(
    withClientFlags(topics.command("subscriptions [name]").description("list the subscriptions of a topic, or of all")),
  ).action(async (name: string | undefined, flags: ListFlags) => {
    const rows = await callFleetrunPaged(flags, "ListSubscriptions", name ? { Topic: name } : {}, "Subscriptions");
    process.stdout.write(
      render(flags.output, {
        response: { Subscriptions: rows },
        rows,
        columns: [
          { header: "SubscriptionArn", value: (r: Row) => text(r.SubscriptionArn) },
          { header: "Endpoint", value: (r: Row) => text(r.Endpoint) },
        ],
      }),
    );
  });
  deliveriesCommand(topics);
  topics
    .command("secret")
    .description("print the server-wide secret that signs notifications sent to raw-URL webhooks (reads the data dir)")
    .option("--data-dir <dir>", "the server's data directory", "./fleetrun-data")
    .action(async (flags: { dataDir: string }) => {
      const secret = await readWebhookSecret(resolve(flags.dataDir));
      if (secret === undefined)
        throw new Error(`no webhook secret in ${resolve(flags.dataDir)} (start the server once)`);
      process.stdout.write(`${secret}\n`);
    });
}

function deliveriesCommand(topics: Command): void {
  withOutputFlag(
    withClientFlags(
      topics
        .command("deliveries")
        .description("the delivery log, newest first: notifications and rule actions with their attempts")
        .option("--source <source>", "only this source: webhook, topic:<name> or rule:<name>")
        .option("--status <status>", "only Pending, Delivered or Failed")
        .option("--max <n>", "at most this many", "50"),
    ),
  ).action(async (flags: ListFlags & { source?: string; status?: string; max: string }) => {
    const max = Number(flags.max);
    if (!Number.isInteger(max) || max < 1) throw new Error("--max must be a positive integer");
    const input = {
      ...(flags.source ? { Source: flags.source } : {}),
      ...(flags.status ? { Status: flags.status } : {}),
    };
    const rows = await callFleetrunPaged(flags, "ListDeliveries", input, "Deliveries", max);
    process.stdout.write(
      render(flags.output, {
        response: { Deliveries: rows },
        rows,
        columns: [
          { header: "Created", value: (r: Row) => text(r.CreatedDate) },
          { header: "Source", value: (r: Row) => text(r.Source) },
          { header: "Endpoint", value: (r: Row) => text(r.Endpoint) },
          { header: "Status", value: (r: Row) => text(r.Status) },
          { header: "Attempts", value: (r: Row) => text(r.Attempts) },
          { header: "Last", value: (r: Row) => (r.LastStatus ? text(r.LastStatus) : "") },
          { header: "Error", value: (r: Row) => text(r.LastError) },
          { header: "Response", value: (r: Row) => text(r.Response).slice(0, 40) },
        ],
      }),
    );
  });
}
