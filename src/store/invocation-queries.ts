import type { Insertable, Kysely, Updateable } from "kysely";
import { TERMINAL_DETAILS } from "../core/invocation-states.ts";
import type { InvocationDetails, InvocationRecord } from "../core/model.ts";
import type {
  InvocationFilter,
  InvocationPatch,
  InvocationSelector,
  InvocationTransition,
  Page,
  PageRequest,
} from "../core/ports/store.ts";
import { chunks, toPage } from "./paging.ts";
import { invocationConditions, notTerminal, oneOf } from "./query-filters.ts";
import { invocationCodec } from "./record-codecs.ts";
import type { Database, InvocationsTable } from "./schema.ts";
import type { StoreEngine } from "./store-engine.ts";

/** Inserts invocations in multi-row INSERTs of {@link chunks} size; call inside a transaction. */
export async function insertInvocations(db: Kysely<Database>, invocations: InvocationRecord[]): Promise<void> {
  for (const batch of chunks(invocations)) {
    const rows = batch.map((i) => invocationCodec.toRow<Insertable<InvocationsTable>>(i));
    await db.insertInto("invocations").values(rows).execute();
  }
}

/** Newest requestedAt first, then by commandId, then seq. */
export async function listInvocations(
  db: Kysely<Database>,
  filter: InvocationFilter,
  page: PageRequest,
): Promise<Page<InvocationRecord>> {
  const rows = await db
    .selectFrom("invocations")
    .selectAll()
    .where((eb) => invocationConditions(eb, filter))
    .orderBy("requested_at", "desc")
    .orderBy("command_id")
    .orderBy("seq")
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  return toPage(rows, page, (r) => invocationCodec.fromRow(r));
}

/** Invocations of a command per StatusDetails value, in one GROUP BY. */
export async function countInvocations(
  db: Kysely<Database>,
  commandId: string,
): Promise<Partial<Record<InvocationDetails, number>>> {
  const rows = await db
    .selectFrom("invocations")
    .select((eb) => ["status_details", eb.fn.countAll<number | string>().as("n")])
    .where("command_id", "=", commandId)
    .groupBy("status_details")
    .execute();
  const counts: Partial<Record<InvocationDetails, number>> = {};
  for (const r of rows) counts[r.status_details as InvocationDetails] = Number(r.n);
  return counts;
}

/** How far a command's release has got: released, and released-and-acknowledged-or-finished. */
export async function releaseProgress(
  db: Kysely<Database>,
  commandId: string,
): Promise<{ released: number; acknowledged: number }> {
  const row = await db
    .selectFrom("invocations")
    .select((eb) => [
      eb.fn.count<number | string>("released_at").as("released"),
      eb.fn
        .countAll<number | string>()
        .filterWhere((w) =>
          w.and([
            w("released_at", "is not", null),
            w.or([w("delivered_at", "is not", null), oneOf(w, "status_details", TERMINAL_DETAILS)]),
          ]),
        )
        .as("acknowledged"),
    ])
    .where("command_id", "=", commandId)
    .executeTakeFirst();
  return { released: Number(row?.released ?? 0), acknowledged: Number(row?.acknowledged ?? 0) };
}

/** Releases up to `count` queued invocations, lowest seq first; returns those this call released. */
export async function releaseInvocations(
  db: Kysely<Database>,
  engine: StoreEngine,
  commandId: string,
  count: number,
  now: number,
): Promise<InvocationRecord[]> {
  if (count <= 0) return [];
  const released = await db.transaction().execute(async (trx) => {
    const queued = await trx
      .selectFrom("invocations")
      .select("instance_id")
      .where("command_id", "=", commandId)
      .where("status_details", "=", "Pending")
      .where("released_at", "is", null)
      .orderBy("seq")
      .limit(count)
      .$if(engine.skipLocked, (q) => q.forUpdate().skipLocked())
      .execute();
    if (queued.length === 0) return [];
    // The UPDATE re-checks the guard: rows a concurrent release already took are skipped, never released twice.
    return await trx
      .updateTable("invocations")
      .set({ released_at: now, status: "InProgress", status_details: "InProgress", updated_at: now })
      .where("command_id", "=", commandId)
      .where(
        "instance_id",
        "in",
        queued.map((q) => q.instance_id),
      )
      .where("status_details", "=", "Pending")
      .where("released_at", "is", null)
      .returningAll()
      .execute();
  });
  return released.map((r) => invocationCodec.fromRow(r)).sort(bySeq);
}

/** Updates one invocation, optionally only while it is not terminal; returns whether a row changed. */
export async function updateInvocation(
  db: Kysely<Database>,
  key: { commandId: string; instanceId: string },
  patch: InvocationPatch,
  unlessTerminal: boolean,
): Promise<boolean> {
  const set = invocationCodec.patchRow<Updateable<InvocationsTable>>(patch);
  if (Object.keys(set).length === 0) return false;
  const r = await db
    .updateTable("invocations")
    .set(set)
    .where("command_id", "=", key.commandId)
    .where("instance_id", "=", key.instanceId)
    .$if(unlessTerminal, (q) => q.where((eb) => notTerminal(eb)))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Moves every invocation the selector matches to a new state; returns the moved rows by seq. */
export async function transitionInvocations(
  db: Kysely<Database>,
  selector: InvocationSelector,
  to: InvocationTransition,
): Promise<InvocationRecord[]> {
  const set: Updateable<InvocationsTable> = {
    status: to.status,
    status_details: to.statusDetails,
    updated_at: to.updatedAt,
  };
  if (to.endedAt !== undefined) set.ended_at = to.endedAt;
  if (to.cancelRequested !== undefined) set.cancel_requested = to.cancelRequested ? 1 : 0;
  const { delivered, released, instanceIds } = selector;
  const rows = await db
    .updateTable("invocations")
    .set(set)
    .where("command_id", "=", selector.commandId)
    .where((eb) => oneOf(eb, "status_details", selector.details))
    .$if(delivered !== undefined, (q) => q.where("delivered_at", delivered ? "is not" : "is", null))
    .$if(released !== undefined, (q) => q.where("released_at", released ? "is not" : "is", null))
    .$if(instanceIds !== undefined, (q) => q.where((eb) => oneOf(eb, "instance_id", instanceIds ?? [])))
    .returningAll()
    .execute();
  return rows.map((r) => invocationCodec.fromRow(r)).sort(bySeq);
}

/** A node's released InProgress/Cancelling invocations, oldest release first. */
export async function deliverableFor(db: Kysely<Database>, instanceId: string): Promise<InvocationRecord[]> {
  const rows = await db
    .selectFrom("invocations")
    .selectAll()
    .where("instance_id", "=", instanceId)
    .where("status_details", "in", ["InProgress", "Cancelling"])
    .where("released_at", "is not", null)
    .orderBy("released_at")
    .orderBy("requested_at")
    .orderBy("command_id")
    .execute();
  return rows.map((r) => invocationCodec.fromRow(r));
}

function bySeq(a: InvocationRecord, b: InvocationRecord): number {
  return a.seq - b.seq;
}
