import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import type { Scheduler } from "../../core/scheduler.ts";
import type { ServerConfig } from "../server-options.ts";

/** What every operation handler receives. */
export interface ApiContext {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  documents: DocumentCatalog;
  scheduler: Scheduler;
  config: ServerConfig;
  /** The authenticated caller. */
  caller: { accessKeyId: string; userName: string };
}

/** An operation handler: validated input in, response object out. */
export type OperationHandler = (ctx: ApiContext, input: Record<string, unknown>) => Promise<object>;
