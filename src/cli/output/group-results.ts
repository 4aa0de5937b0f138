import { foldNodeSetShort } from "./node-set.ts";

/** One node's result, as `fleetrun output` reads it. */
export interface NodeResult {
  instanceId: string;
  status: string;
  statusDetails: string;
  responseCode: number;
  /** Its output (stdout, then stderr), as printed. */
  output: string;
}

/** Nodes that ended the same way with the same output. */
export interface ResultGroup {
  label: string;
  nodes: string[];
  output: string;
}

/** How a result reads in a header: `Success`, `exit <code>`, or the status details (`ExecutionTimedOut`, …). */
export function resultLabel(result: Pick<NodeResult, "status" | "statusDetails" | "responseCode">): string {
  if (result.status === "Success") return "Success";
  if (result.status === "Failed" && result.responseCode > 0) return `exit ${result.responseCode}`;
  return result.statusDetails || result.status;
}

/**
 * Folds identical results as ClusterShell's clubak does: nodes with the same status, response
 * code and output form one group. Largest group first (ties: Success first, then by label and first node).
 */
export function groupResults(results: readonly NodeResult[]): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  for (const r of results) {
    const label = resultLabel(r);
    const key = JSON.stringify([r.status, r.responseCode, label, r.output]);
    const group = groups.get(key) ?? { label, nodes: [], output: r.output };
    group.nodes.push(r.instanceId);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.nodes.length - a.nodes.length || byLabel(a.label, b.label) || compare(a.nodes[0], b.nodes[0]),
  );
}

/** The one-line summary: node counts per result, largest first: `97 nodes: Success · 3 nodes: exit 1`. */
export function groupSummary(groups: readonly ResultGroup[]): string {
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g.label, (counts.get(g.label) ?? 0) + g.nodes.length);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || byLabel(a[0], b[0]))
    .map(([label, n]) => `${n} ${n === 1 ? "node" : "nodes"}: ${label}`)
    .join(" · ");
}

/** The summary, then each group's nodes (folded) and its output once, between clubak's rules. */
export function renderGroups(groups: readonly ResultGroup[], maxNodesShown = 12): string {
  const rule = "---------------";
  const lines = [groupSummary(groups)];
  for (const g of groups) {
    lines.push(rule, `${foldNodeSetShort(g.nodes, maxNodesShown)} (${g.nodes.length}) ${g.label}`, rule);
    const output = g.output.endsWith("\n") ? g.output.slice(0, -1) : g.output;
    if (output !== "") lines.push(output);
  }
  return `${lines.join("\n")}\n`;
}

/** Success before failures, then alphabetical. */
function byLabel(a: string, b: string): number {
  return Number(a !== "Success") - Number(b !== "Success") || a.localeCompare(b);
}

function compare(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}
