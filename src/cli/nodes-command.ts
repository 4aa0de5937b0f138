import {
  type InstanceInformation,
  ListTagsForResourceCommand,
  paginateDescribeInstanceInformation,
  type SSMClient,
  type Tag,
} from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { clientAction } from "./client-action.ts";
import { type ClientFlags, withClientFlags } from "./client-options.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { type Column, tableTime } from "./format/table.ts";
import { parseKeyValues } from "./shorthand/targets.ts";

/** A node as `fleetrun nodes` shows it: DescribeInstanceInformation plus its tags. */
export type NodeWithTags = InstanceInformation & { Tags: Tag[] };

/** `--tag Key=Value` (that value) or `--tag Key` (any value). */
export interface TagSelector {
  key: string;
  value?: string;
}

/** Parses a `--tag` argument. */
export function parseTagSelector(text: string): TagSelector {
  const at = text.indexOf("=");
  return at < 0 ? { key: text } : { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** Whether a node's tags satisfy every selector. */
export function matchesTags(tags: readonly Tag[], selectors: readonly TagSelector[]): boolean {
  return selectors.every((s) => tags.some((t) => t.Key === s.key && (s.value === undefined || t.Value === s.value)));
}

const NODE_COLUMNS: readonly Column<NodeWithTags>[] = [
  { header: "Instance", value: (n) => n.InstanceId },
  { header: "Name", value: (n) => n.ComputerName ?? n.Name },
  { header: "Ping", value: (n) => n.PingStatus },
  { header: "Platform", value: (n) => [n.PlatformName, n.PlatformVersion].filter(Boolean).join(" ") },
  { header: "IP", value: (n) => n.IPAddress },
  { header: "Agent", value: (n) => n.AgentVersion },
  { header: "Last ping", value: (n) => tableTime(n.LastPingDateTime) },
  { header: "Tags", value: (n) => n.Tags.map((t) => `${t.Key}=${t.Value}`).join(",") },
];

/** How many ListTagsForResource calls run at once. */
const TAG_CONCURRENCY = 8;

async function withTags(ssm: SSMClient, nodes: readonly InstanceInformation[]): Promise<NodeWithTags[]> {
  const out: NodeWithTags[] = [];
  for (let i = 0; i < nodes.length; i += TAG_CONCURRENCY) {
    const batch = nodes.slice(i, i + TAG_CONCURRENCY);
    const tags = await Promise.all(
      batch.map((n) =>
        ssm.send(new ListTagsForResourceCommand({ ResourceType: "ManagedInstance", ResourceId: n.InstanceId ?? "" })),
      ),
    );
    batch.forEach((node, j) => {
      out.push({ ...node, Tags: tags[j]?.TagList ?? [] });
    });
  }
  return out;
}

type Flags = ClientFlags & { filters?: string[]; tag?: string[]; output: OutputFormat };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `fleetrun nodes`: managed nodes (DescribeInstanceInformation, all pages) with their tags;
 * `--filters` goes to the server, `--tag` is matched here and may be combined with any filter.
 */
export function nodesCommand(program: Command): void {
  const command = program
    .command("nodes")
    .description("list managed nodes with ping status and tags (all pages)")
    .option("--filters <filter...>", "Key=PingStatus,Values=Online (also InstanceIds, PlatformTypes, tag:<key>, ...)")
    .option("--tag <key=value>", "only nodes with this tag (Key=Value, or Key for any value; repeatable)", collect);
  withClientFlags(withOutputFlag(command)).action(
    clientAction<Flags>(async (ssm, flags) => {
      const filters = flags.filters?.length ? parseKeyValues(flags.filters, "--filters") : undefined;
      const found: InstanceInformation[] = [];
      for await (const page of paginateDescribeInstanceInformation(
        { client: ssm, pageSize: 50 },
        filters ? { Filters: filters } : {},
      )) {
        found.push(...(page.InstanceInformationList ?? []));
      }
      const selectors = (flags.tag ?? []).map(parseTagSelector);
      const nodes = (await withTags(ssm, found)).filter((n) => matchesTags(n.Tags, selectors));
      process.stdout.write(
        render(flags.output, { response: { InstanceInformationList: nodes }, rows: nodes, columns: NODE_COLUMNS }),
      );
      return 0;
    }),
  );
}
