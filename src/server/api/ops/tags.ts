import type { TaggedResourceType } from "../../../core/ports/store.ts";
import { SsmError } from "../../../protocol/errors.ts";
import type { ApiContext, OperationHandler } from "../context.ts";

const MAX_TAGS = 50;

/** Checks the resource type and that the resource exists (managed nodes only, for now). */
async function resource(
  ctx: ApiContext,
  input: Record<string, unknown>,
): Promise<{ type: TaggedResourceType; id: string }> {
  const type = input.ResourceType as string;
  const id = input.ResourceId as string;
  if (type !== "ManagedInstance") {
    throw new SsmError(
      "InvalidResourceType",
      `Resource type ${type} is not supported by fleetrun; use ManagedInstance.`,
    );
  }
  if (!/^mi-[0-9a-f]{17}$/.test(id) || !(await ctx.store.getNode(id))) {
    throw new SsmError("InvalidResourceId", `Managed node ${id} does not exist.`);
  }
  return { type, id };
}

/** AddTagsToResource: adds or overwrites; at most 50 tags per resource. */
export const handleAddTagsToResource: OperationHandler = async (ctx, input) => {
  const { type, id } = await resource(ctx, input);
  const tags = input.Tags as Array<{ Key: string; Value: string }>;
  const keys = new Set([...(await ctx.store.listTags(type, id)).map((t) => t.Key), ...tags.map((t) => t.Key)]);
  if (keys.size > MAX_TAGS) throw new SsmError("TooManyTagsError", `A resource can have at most ${MAX_TAGS} tags.`);
  await ctx.store.putTags(type, id, tags);
  return {};
};

/** RemoveTagsFromResource. */
export const handleRemoveTagsFromResource: OperationHandler = async (ctx, input) => {
  const { type, id } = await resource(ctx, input);
  await ctx.store.removeTags(type, id, input.TagKeys as string[]);
  return {};
};

/** ListTagsForResource. */
export const handleListTagsForResource: OperationHandler = async (ctx, input) => {
  const { type, id } = await resource(ctx, input);
  return { TagList: await ctx.store.listTags(type, id) };
};
