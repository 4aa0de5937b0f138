import { SsmError, validationError } from "../protocol/errors.ts";
import type { Target } from "./model.ts";
import type { Store } from "./ports/store.ts";

/**
 * Resolves SendCommand's `InstanceIds` / `Targets` to node ids (semantics §7.6): explicit ids
 * must exist and be unique; `tag:<key>` matches any of the values, `tag-key` any of the keys, and
 * several Target entries AND together. Tag targets are a snapshot taken at send time.
 */
export async function resolveTargets(
  store: Store,
  instanceIds: readonly string[] | undefined,
  targets: readonly Target[] | undefined,
): Promise<{ instanceIds: string[]; byTag: boolean }> {
  const hasIds = (instanceIds?.length ?? 0) > 0;
  const hasTargets = (targets?.length ?? 0) > 0;
  if (hasIds && hasTargets) throw validationError("Specify either InstanceIds or Targets, not both.");
  if (!hasIds && !hasTargets)
    throw validationError("Targets is required if you don't provide one or more managed node IDs.");
  if (hasIds) return { instanceIds: await checkExplicitIds(store, instanceIds ?? []), byTag: false };

  let result: Set<string> | undefined;
  let byTag = false;
  for (const target of targets ?? []) {
    const key = target.Key;
    if (target.Values.length === 0) throw validationError(`Target ${key} needs at least one value.`);
    let ids: string[];
    if (key.toLowerCase() === "instanceids") {
      ids = await checkExplicitIds(store, target.Values);
    } else if (key.startsWith("tag:")) {
      byTag = true;
      ids = await store.findNodeIdsByTags([{ key: key.slice(4), values: target.Values }]);
    } else if (key === "tag-key") {
      byTag = true;
      const union = new Set<string>();
      for (const tagKey of target.Values)
        for (const id of await store.findNodeIdsByTags([{ key: tagKey }])) union.add(id);
      ids = [...union];
    } else {
      throw validationError(
        `Target key ${key} is not supported; use InstanceIds, tag:<key> or tag-key (resource groups are not available in fleetrun).`,
      );
    }
    result = result ? new Set(ids.filter((id) => result?.has(id))) : new Set(ids);
  }
  return { instanceIds: [...(result ?? [])].sort(), byTag };
}

/** Throws DuplicateInstanceId when an id is listed twice. */
export function checkNoDuplicates(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new SsmError("DuplicateInstanceId", `Instance ID ${id} is listed more than once.`);
    seen.add(id);
  }
}

async function checkExplicitIds(store: Store, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) throw validationError("InstanceIds needs at least one managed node ID.");
  checkNoDuplicates(ids);
  const existing = new Set(await store.existingNodeIds([...ids]));
  const missing = ids.filter((id) => !existing.has(id));
  if (missing.length > 0) {
    throw new SsmError("InvalidInstanceId", `Instances [${missing.join(", ")}] not in a valid state for account.`);
  }
  return [...ids];
}
