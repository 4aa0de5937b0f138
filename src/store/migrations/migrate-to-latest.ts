import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import type { StoreEngine } from "../store-engine.ts";
import { initialMigration } from "./001-initial.ts";
import { documentsMigration } from "./002-documents.ts";
import { identityMigration } from "./003-identity.ts";
import { auditMigration } from "./004-audit.ts";
import { eventsMigration } from "./005-events.ts";

/** The store's migrations, in code, keyed by name (applied in name order). */
export function storeMigrations(engine: StoreEngine): MigrationProvider {
  return {
    getMigrations: async () => ({
      "001-initial": initialMigration(engine),
      "002-documents": documentsMigration(engine),
      "003-identity": identityMigration(engine),
      "004-audit": auditMigration(engine),
      "005-events": eventsMigration(engine),
    }),
  };
}

/** Applies every pending migration; idempotent. Throws with the failing migration's error as cause. */
export async function migrateToLatest(db: Kysely<unknown>, engine: StoreEngine): Promise<void> {
  const migrator = new Migrator({ db, provider: storeMigrations(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(before any migration)";
    throw new Error(`store migration ${failed} failed`, { cause: error });
  }
}
