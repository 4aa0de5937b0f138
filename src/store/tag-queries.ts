import type { Kysely } from "kysely";
import type { TaggedResourceType } from "../core/ports/store.ts";
import { chunks } from "./paging.ts";
import type { Database, TagsTable } from "./schema.ts";

/** Inserts or overwrites a resource's tags; a key given twice keeps its last value. */
export async function upsertTags(
  db: Kysely<Database>,
  type: TaggedResourceType,
  resourceId: string,
  tags: ReadonlyArray<{ Key: string; Value: string }>,
): Promise<void> {
  const byKey = new Map(tags.map((t) => [t.Key, t.Value]));
  const rows: TagsTable[] = [...byKey].map(([key, value]) => ({
    resource_type: type,
    resource_id: resourceId,
    key,
    value,
  }));
  for (const batch of chunks(rows)) {
    await db
      .insertInto("tags")
      .values(batch)
      .onConflict((oc) =>
        oc.columns(["resource_type", "resource_id", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })),
      )
      .execute();
  }
}

/** Tags of many resources of one type, in chunked IN queries; ids without tags map to []. */
export async function tagsOfMany(
  db: Kysely<Database>,
  type: TaggedResourceType,
  ids: readonly string[],
): Promise<Map<string, Array<{ Key: string; Value: string }>>> {
  const out = new Map<string, Array<{ Key: string; Value: string }>>(ids.map((id) => [id, []]));
  for (const batch of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom("tags")
      .select(["resource_id", "key", "value"])
      .where("resource_type", "=", type)
      .where("resource_id", "in", batch)
      .orderBy("resource_id")
      .orderBy("key")
      .execute();
    for (const r of rows) out.get(r.resource_id)?.push({ Key: r.key, Value: r.value });
  }
  return out;
}
