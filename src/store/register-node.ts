import type { Kysely } from "kysely";
import type { NodeRecord } from "../core/model.ts";
import type { RegisterOutcome } from "../core/ports/store.ts";
import { nodeCodec } from "./record-codecs.ts";
import type { Database } from "./schema.ts";
import { upsertTags } from "./tag-queries.ts";

/**
 * Registers a node in one transaction: the code hash must match (else not-found), the activation
 * must expire after `now` (else expired) and have room under its limit (else limit-reached); then
 * counts the registration, inserts the node and copies the activation's tags onto it.
 */
export async function registerNode(
  db: Kysely<Database>,
  activationId: string,
  codeHash: string,
  node: NodeRecord,
  now: number,
): Promise<RegisterOutcome> {
  return await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("activations")
      .select(["code_hash", "expires_at", "tags"])
      .where("activation_id", "=", activationId)
      .executeTakeFirst();
    if (row === undefined || row.code_hash !== codeHash) return "not-found";
    if (row.expires_at <= now) return "expired";
    // A conditional increment, not read-then-write: racing registrations cannot both pass the limit.
    const counted = await trx
      .updateTable("activations")
      .set((eb) => ({ registrations_count: eb("registrations_count", "+", 1) }))
      .where("activation_id", "=", activationId)
      .whereRef("registrations_count", "<", "registration_limit")
      .executeTakeFirst();
    if (counted.numUpdatedRows === 0n) return "limit-reached";
    await trx.insertInto("nodes").values(nodeCodec.toRow(node)).execute();
    const tags = JSON.parse(row.tags) as Array<{ Key: string; Value: string }>;
    await upsertTags(trx, "ManagedInstance", node.instanceId, tags);
    return "registered";
  });
}
