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
