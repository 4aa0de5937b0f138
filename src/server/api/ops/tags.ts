import { amazonDocument } from "../../../core/documents/amazon-documents.ts";
import type { TaggedResourceType } from "../../../core/ports/store.ts";
import { SsmError } from "../../../protocol/errors.ts";
import type { ResourceTypeForTagging } from "../../../protocol/ssm/types.ts";
import type { ApiContext, OperationHandler } from "../context.ts";

const MAX_TAGS = 50;

/**
 * Checks the resource type and that the resource exists: a managed node (`mi-…`) or a user
 * document (by name; the built-ins carry no tags and can't get any).
 */
async function resource(
  ctx: ApiContext,
  input: { ResourceType: ResourceTypeForTagging; ResourceId: string },
  action: string,
): Promise<{ type: TaggedResourceType; id: string }> {
  const found = await existingResource(ctx, input);
  // Authorized against the resource's current tags: a tag that grants access can only be changed
  // by someone the current tags already let in.
  await ctx.authz.require(action, await ctx.authz.resource(found.type, found.id));
  return found;
}

async function existingResource(
  ctx: ApiContext,
  input: { ResourceType: ResourceTypeForTagging; ResourceId: string },
): Promise<{ type: TaggedResourceType; id: string }> {
  const { ResourceType: type, ResourceId: id } = input;
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
export const handleAddTagsToResource: OperationHandler<"AddTagsToResource"> = async (ctx, input) => {
  const { type, id } = await resource(ctx, input, "ssm:AddTagsToResource");
  const tags = input.Tags;
  const keys = new Set([...(await ctx.store.listTags(type, id)).map((t) => t.Key), ...tags.map((t) => t.Key)]);
  if (keys.size > MAX_TAGS) throw new SsmError("TooManyTagsError", `A resource can have at most ${MAX_TAGS} tags.`);
  await ctx.store.putTags(type, id, tags);
  return {};
};

/** RemoveTagsFromResource. */
export const handleRemoveTagsFromResource: OperationHandler<"RemoveTagsFromResource"> = async (ctx, input) => {
  const { type, id } = await resource(ctx, input, "ssm:RemoveTagsFromResource");
  await ctx.store.removeTags(type, id, input.TagKeys);
  return {};
};

/** ListTagsForResource (a built-in document has none). */
export const handleListTagsForResource: OperationHandler<"ListTagsForResource"> = async (ctx, input) => {
  if (input.ResourceType === "Document" && amazonDocument(input.ResourceId)) return { TagList: [] };
  const { type, id } = await resource(ctx, input, "ssm:ListTagsForResource");
  return { TagList: await ctx.store.listTags(type, id) };
};
