import { amazonDocument } from "../../../core/documents/amazon-documents.ts";
import type { TaggedResourceType } from "../../../core/ports/store.ts";
import { SsmError } from "../../../protocol/errors.ts";
import type { ApiContext, OperationHandler } from "../context.ts";

const MAX_TAGS = 50;

/**
 * Checks the resource type and that the resource exists: a managed node (`mi-…`) or a user
 * document (by name; the built-ins carry no tags and can't get any).
 */
async function resource(
  ctx: ApiContext,
  input: Record<string, unknown>,
): Promise<{ type: TaggedResourceType; id: string }> {
  const type = input.ResourceType as string;
  const id = input.ResourceId as string;
  if (type === "Document") {
    if (amazonDocument(id)) {
      throw new SsmError("InvalidResourceId", `Document ${id} is owned by Amazon; its tags can't be changed.`);
    }
    if (!(await ctx.store.getDocument(id))) throw new SsmError("InvalidResourceId", `Document ${id} does not exist.`);
    return { type, id };
  }
  if (type !== "ManagedInstance") {
    throw new SsmError(
      "InvalidResourceType",
      `Resource type ${type} is not supported by fleetrun; use ManagedInstance or Document.`,
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

/** ListTagsForResource (a built-in document has none). */
export const handleListTagsForResource: OperationHandler = async (ctx, input) => {
  if (input.ResourceType === "Document" && amazonDocument(input.ResourceId as string)) return { TagList: [] };
  const { type, id } = await resource(ctx, input);
  return { TagList: await ctx.store.listTags(type, id) };
};
