import type { NodeFilter, TagSelector } from "../../../core/ports/store.ts";
import { SsmError } from "../../../protocol/errors.ts";
import type { DescribeInstanceInformationRequest } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { nodeView } from "../views.ts";
import { compact } from "../wire.ts";

const PING = new Set(["Online", "ConnectionLost", "Inactive"]);

/** Filters (or the legacy InstanceInformationFilterList) → one store filter. */
function nodeFilter(input: DescribeInstanceInformationRequest, now: number, onlineWindowMs: number): NodeFilter {
  if (input.Filters?.length && input.InstanceInformationFilterList?.length) {
    throw new SsmError("InvalidFilterKey", "Use either Filters or InstanceInformationFilterList, not both.");
  }
  const entries = [
    ...(input.Filters ?? []).map((f) => ({ key: f.Key, values: f.Values })),
    ...(input.InstanceInformationFilterList ?? []).map((f) => ({ key: f.key, values: f.valueSet })),
  ];
  const filter: NodeFilter = {};
  const tags: TagSelector[] = [];
  let other = false;
  for (const { key, values } of entries) {
    if (key.startsWith("tag:")) tags.push({ key: key.slice(4), values });
    else if (key === "tag-key") for (const k of values) tags.push({ key: k });
    else {
      other = true;
      if (key === "InstanceIds") filter.instanceIds = values;
      else if (key === "ActivationIds") filter.activationIds = values;
      else if (key === "AgentVersion") filter.agentVersions = values;
      else if (key === "PlatformTypes") filter.platformTypes = values;
      else if (key === "IamRole") filter.iamRoles = values;
      else if (key === "ResourceType") {
        if (!values.includes("ManagedInstance")) filter.instanceIds = [];
      } else if (key === "PingStatus") {
        const bad = values.find((v) => !PING.has(v));
        if (bad)
          throw new SsmError(
            "InvalidInstanceInformationFilterValue",
            `PingStatus ${bad} is not one of Online, ConnectionLost, Inactive.`,
          );
        filter.ping = {
          statuses: values.filter((v) => v === "Online" || v === "ConnectionLost"),
          onlineSince: now - onlineWindowMs,
        };
      } else if (key === "AssociationStatus" || key === "SourceIds" || key === "SourceTypes") {
        if (key === "SourceIds") filter.instanceIds = values;
      } else throw new SsmError("InvalidFilterKey", `Filter key ${key} is not supported.`);
    }
  }
  if (tags.length > 0 && other)
    throw new SsmError("InvalidFilterKey", "Tag filters cannot be combined with other filter types.");
  if (tags.length > 0) filter.tags = tags;
  return filter;
}

/** DescribeInstanceInformation: registered nodes with their live PingStatus. */
export const handleDescribeInstanceInformation: OperationHandler<"DescribeInstanceInformation"> = async (
  ctx,
  input,
) => {
  const now = ctx.clock.now();
  const filter = nodeFilter(input, now, ctx.config.onlineWindowMs);
  if (filter.instanceIds && filter.instanceIds.length > 0) {
    const existing = new Set(await ctx.store.existingNodeIds(filter.instanceIds));
    const missing = filter.instanceIds.filter((id) => !existing.has(id));
    if (missing.length > 0)
      throw new SsmError("InvalidInstanceId", `Instances [${missing.join(", ")}] are not registered.`);
  }
  const request = pageRequest(input, 50, 50);
  const page = await ctx.store.listNodes(filter, request);
  // Nodes the caller may not see are left out (a page may then hold fewer than MaxResults).
  const visible = new Set(
    await ctx.authz.allowedNodes(
      "ssm:DescribeInstanceInformation",
      page.items.map((n) => n.instanceId),
    ),
  );
  page.items = page.items.filter((n) => visible.has(n.instanceId));
  return compact({
    InstanceInformationList: page.items.map((n) => nodeView(n, now, ctx.config.onlineWindowMs)),
    NextToken: nextToken(request, page),
  });
};
