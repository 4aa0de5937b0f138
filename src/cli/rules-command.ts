import type { Command } from "commander";
import { type ClientFlags, textArgument, withClientFlags } from "./client-options.ts";
import { callFleetrun, callFleetrunPaged } from "./fleetrun-api-client.ts";
import { formatJson } from "./format/aws-json.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { parseParameters } from "./shorthand/parameters.ts";

type Row = Record<string, unknown>;
type CreateFlags = ClientFlags & {
  pattern: string;
  webhook?: string;
  runDocument?: string;
  documentVersion?: string;
  parameters?: string[];
  description?: string;
};
const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `fleetrun rules ...`: EventBridge-style rules over fleetrun's events (command and invocation
 * status changes, node registered / connected / connection lost / deregistered) that POST
 * matching events to a webhook or run a document on the node the event is about.
 */
export function rulesCommand(program: Command): void {
  const rules = program
    .command("rules")
    .description("event rules: match events, then call a webhook or run a document");
  withClientFlags(
    rules
      .command("create <name>")
      .description("create a rule; a webhook rule prints the secret that signs its deliveries (shown only once)")
      .requiredOption("--pattern <json|file://path>", 'EventBridge event pattern, e.g. {"source":["fleetrun"]}')
      .option("--webhook <url>", "POST each matching event to this URL")
      .option("--run-document <name>", "run this document on the node the event is about")
      .option("--document-version <version>", "the document version to run")
      .option("--parameters <shorthand|json>", "document parameters, as send-command takes them (repeatable)", collect)
      .option("--description <text>", "what the rule is for"),
  ).action(async (name: string, flags: CreateFlags) => {
    if ((flags.webhook === undefined) === (flags.runDocument === undefined)) {
      throw new Error("give exactly one of --webhook and --run-document");
    }
    const input: Record<string, unknown> = {
      Name: name,
      EventPattern: await textArgument(flags.pattern),
      ...(flags.description ? { Description: flags.description } : {}),
    };
    if (flags.webhook !== undefined) input.Webhook = flags.webhook;
    else {
      input.RunDocument = {
        DocumentName: flags.runDocument,
        ...(flags.documentVersion ? { DocumentVersion: flags.documentVersion } : {}),
        ...(flags.parameters ? { Parameters: parseParameters(flags.parameters) } : {}),
      };
    }
    process.stdout.write(formatJson(await callFleetrun(flags, "CreateRule", input)));
  });
  withClientFlags(rules.command("delete <name>").description("delete a rule")).action(
    async (name: string, flags: ClientFlags) => {
      await callFleetrun(flags, "DeleteRule", { Name: name });
    },
  );
  withOutputFlag(withClientFlags(rules.command("list").description("list rules"))).action(
    async (flags: ClientFlags & { output: OutputFormat }) => {
      const rows = await callFleetrunPaged(flags, "ListRules", {}, "Rules");
      process.stdout.write(
        render(flags.output, {
          response: { Rules: rows },
          rows,
          columns: [
            { header: "Name", value: (r: Row) => text(r.Name) },
            { header: "Action", value: (r: Row) => actionOf(r) },
            { header: "Pattern", value: (r: Row) => text(r.EventPattern) },
          ],
        }),
      );
    },
  );
  withClientFlags(
    rules
      .command("test")
      .description("check whether an event matches a pattern; exits 1 when it does not")
      .requiredOption("--pattern <json|file://path>", "EventBridge event pattern")
      .requiredOption("--event <json|file://path>", "the event"),
  ).action(async (flags: ClientFlags & { pattern: string; event: string }) => {
    const out = await callFleetrun(flags, "TestEventPattern", {
      EventPattern: await textArgument(flags.pattern),
      Event: await textArgument(flags.event),
    });
    process.stdout.write(out.Result === true ? "match\n" : "no match\n");
    process.exitCode = out.Result === true ? 0 : 1;
  });
}

function actionOf(rule: Row): string {
  if (typeof rule.Webhook === "string") return `webhook ${rule.Webhook}`;
  const run = rule.RunDocument as { DocumentName?: string } | undefined;
  return `run-document ${run?.DocumentName ?? ""}`;
}
