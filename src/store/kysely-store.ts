import type { Kysely, Updateable } from "kysely";
import type { AuditRecord } from "../core/audit/audit-record.ts";
import type {
  ActivationRecord,
  CommandRecord,
  InvocationDetails,
  InvocationRecord,
  NodeRecord,
} from "../core/model.ts";
import type { AuditChainHead, AuditEntry, AuditHasher, AuditQuery } from "../core/ports/audit-store.ts";
import type {
  ActivationFilter,
  CommandFilter,
  CommandPatch,
  InvocationFilter,
  InvocationPatch,
  InvocationSelector,
  InvocationTransition,
  NodeFilter,
  NodePatch,
  Page,
  PageRequest,
  RegisterOutcome,
  Store,
  TaggedResourceType,
  TagSelector,
} from "../core/ports/store.ts";
import { KyselyAuditStore } from "./audit/kysely-audit-store.ts";
import { KyselyEventStore } from "./events/kysely-event-store.ts";
import {
  countInvocations,
  deliverableFor,
  insertInvocations,
  listInvocations,
  releaseInvocations,
  releaseProgress,
  transitionInvocations,
  updateInvocation,
} from "./invocation-queries.ts";
import { migrateToLatest } from "./migrations/migrate-to-latest.ts";
import { chunks, toPage } from "./paging.ts";
import {
  activationConditions,
  commandConditions,
  EXECUTING_STATUSES,
  nodeConditions,
  nodeHasTag,
  oneOf,
} from "./query-filters.ts";
import { activationCodec, commandCodec, invocationCodec, nodeCodec } from "./record-codecs.ts";
import { registerNode } from "./register-node.ts";
import type { Database } from "./schema.ts";
import type { StoreEngine } from "./store-engine.ts";
import { tagsOfMany, upsertTags } from "./tag-queries.ts";

type Tag = { Key: string; Value: string };

/**
 * The Store over Kysely: the same queries on SQLite and PostgreSQL. Engine differences arrive only
 * through the {@link StoreEngine} given to the constructor. The document and identity methods come
 * from {@link KyselyEventStore} (which extends the identity and document stores); the audit methods are
 * delegated to {@link KyselyAuditStore}.
 */
export class KyselyStore extends KyselyEventStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #engine: StoreEngine;
  readonly #audit: KyselyAuditStore;

  constructor(db: Kysely<Database>, engine: StoreEngine) {
    super(db);
    this.#db = db;
    this.#engine = engine;
    this.#audit = new KyselyAuditStore(db);
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.#db as Kysely<unknown>, this.#engine);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  appendAudit(records: readonly AuditRecord[], hasher: AuditHasher): Promise<AuditEntry[]> {
    return this.#audit.appendAudit(records, hasher);
  }

  lookupAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.#audit.lookupAudit(query);
  }

  readAuditChain(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.#audit.readAuditChain(afterSeq, limit);
  }

  auditChainHead(): Promise<AuditChainHead> {
    return this.#audit.auditChainHead();
  }

  async createActivation(activation: ActivationRecord): Promise<void> {
    await this.#db.insertInto("activations").values(activationCodec.toRow(activation)).execute();
  }

  async getActivation(activationId: string): Promise<ActivationRecord | undefined> {
    const row = await this.#db
      .selectFrom("activations")
      .selectAll()
      .where("activation_id", "=", activationId)
      .executeTakeFirst();
    return row && activationCodec.fromRow(row);
  }

  async listActivations(filter: ActivationFilter, page: PageRequest): Promise<Page<ActivationRecord>> {
    const rows = await this.#db
      .selectFrom("activations")
      .selectAll()
      .where((eb) => activationConditions(eb, filter))
      .orderBy("created_at", "desc")
      .orderBy("activation_id")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => activationCodec.fromRow(r));
  }

  async deleteActivation(activationId: string): Promise<boolean> {
    const r = await this.#db.deleteFrom("activations").where("activation_id", "=", activationId).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async registerNode(activationId: string, codeHash: string, node: NodeRecord, now: number): Promise<RegisterOutcome> {
    return await registerNode(this.#db, activationId, codeHash, node, now);
  }

  async getNode(instanceId: string): Promise<NodeRecord | undefined> {
    const row = await this.#db.selectFrom("nodes").selectAll().where("instance_id", "=", instanceId).executeTakeFirst();
    return row && nodeCodec.fromRow(row);
  }

  async listNodes(filter: NodeFilter, page: PageRequest): Promise<Page<NodeRecord>> {
    const rows = await this.#db
      .selectFrom("nodes")
      .selectAll()
      .where((eb) => nodeConditions(eb, filter))
      .orderBy("instance_id")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => nodeCodec.fromRow(r));
  }

  async updateNode(instanceId: string, patch: NodePatch): Promise<boolean> {
    const set = nodeCodec.patchRow<Updateable<Database["nodes"]>>(patch);
    if (Object.keys(set).length === 0) return (await this.getNode(instanceId)) !== undefined;
    const r = await this.#db.updateTable("nodes").set(set).where("instance_id", "=", instanceId).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async deleteNode(instanceId: string): Promise<boolean> {
    return await this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("tags")
        .where("resource_type", "=", "ManagedInstance")
        .where("resource_id", "=", instanceId)
        .execute();
      const r = await trx.deleteFrom("nodes").where("instance_id", "=", instanceId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    });
  }

  async findNodeIdsByTags(selectors: TagSelector[]): Promise<string[]> {
    // No selectors select nothing: an empty target list must never mean "the whole fleet".
    if (selectors.length === 0) return [];
    const rows = await this.#db
      .selectFrom("nodes")
      .select("instance_id")
      .where((eb) => eb.and(selectors.map((s) => nodeHasTag(eb, s))))
      .orderBy("instance_id")
      .execute();
    return rows.map((r) => r.instance_id);
  }

  async existingNodeIds(instanceIds: string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const ids of chunks([...new Set(instanceIds)])) {
      const rows = await this.#db.selectFrom("nodes").select("instance_id").where("instance_id", "in", ids).execute();
      for (const r of rows) found.add(r.instance_id);
    }
    return instanceIds.filter((id) => found.has(id));
  }

  async putTags(type: TaggedResourceType, resourceId: string, tags: Tag[]): Promise<void> {
    await upsertTags(this.#db, type, resourceId, tags);
  }

  async removeTags(type: TaggedResourceType, resourceId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#db
      .deleteFrom("tags")
      .where("resource_type", "=", type)
      .where("resource_id", "=", resourceId)
      .where("key", "in", keys)
      .execute();
  }

  async listTags(type: TaggedResourceType, resourceId: string): Promise<Tag[]> {
    const rows = await this.#db
      .selectFrom("tags")
      .select(["key", "value"])
      .where("resource_type", "=", type)
      .where("resource_id", "=", resourceId)
      .orderBy("key")
      .execute();
    return rows.map((r) => ({ Key: r.key, Value: r.value }));
  }

  async listTagsOfMany(type: TaggedResourceType, resourceIds: readonly string[]): Promise<Map<string, Tag[]>> {
    return await tagsOfMany(this.#db, type, resourceIds);
  }

  async createCommand(command: CommandRecord, invocations: InvocationRecord[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.insertInto("commands").values(commandCodec.toRow(command)).execute();
      await insertInvocations(trx, invocations);
    });
  }

  async getCommand(commandId: string): Promise<CommandRecord | undefined> {
    const row = await this.#db
      .selectFrom("commands")
      .selectAll()
      .where("command_id", "=", commandId)
      .executeTakeFirst();
    return row && commandCodec.fromRow(row);
  }

  async listCommands(filter: CommandFilter, page: PageRequest): Promise<Page<CommandRecord>> {
    const rows = await this.#db
      .selectFrom("commands")
      .selectAll()
      .where((eb) => commandConditions(eb, filter))
      .orderBy("requested_at", "desc")
      .orderBy("command_id")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    return toPage(rows, page, (r) => commandCodec.fromRow(r));
  }

  async updateCommand(commandId: string, patch: CommandPatch): Promise<void> {
    const set = commandCodec.patchRow<Updateable<Database["commands"]>>(patch);
    if (Object.keys(set).length === 0) return;
    await this.#db.updateTable("commands").set(set).where("command_id", "=", commandId).execute();
  }

  async listActiveCommandIds(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("commands")
      .select("command_id")
      .where((eb) => oneOf(eb, "status", EXECUTING_STATUSES))
      .orderBy("requested_at")
      .orderBy("command_id")
      .execute();
    return rows.map((r) => r.command_id);
  }

  async getInvocation(commandId: string, instanceId: string): Promise<InvocationRecord | undefined> {
    const row = await this.#db
      .selectFrom("invocations")
      .selectAll()
      .where("command_id", "=", commandId)
      .where("instance_id", "=", instanceId)
      .executeTakeFirst();
    return row && invocationCodec.fromRow(row);
  }

  async listInvocations(filter: InvocationFilter, page: PageRequest): Promise<Page<InvocationRecord>> {
    return await listInvocations(this.#db, filter, page);
  }

  async countInvocations(commandId: string): Promise<Partial<Record<InvocationDetails, number>>> {
    return await countInvocations(this.#db, commandId);
  }

  async releaseInvocations(commandId: string, count: number, now: number): Promise<InvocationRecord[]> {
    return await releaseInvocations(this.#db, this.#engine, commandId, count, now);
  }

  async updateInvocation(
    commandId: string,
    instanceId: string,
    patch: InvocationPatch,
    options?: { unlessTerminal?: boolean },
  ): Promise<boolean> {
    return await updateInvocation(this.#db, { commandId, instanceId }, patch, options?.unlessTerminal === true);
  }

  async transitionInvocations(selector: InvocationSelector, to: InvocationTransition): Promise<InvocationRecord[]> {
    return await transitionInvocations(this.#db, selector, to);
  }

  async releaseProgress(commandId: string): Promise<{ released: number; acknowledged: number }> {
    return await releaseProgress(this.#db, commandId);
  }

  async deliverableFor(instanceId: string): Promise<InvocationRecord[]> {
    return await deliverableFor(this.#db, instanceId);
  }
}
