import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import type { Bus } from "../../core/ports/bus.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { OutputStore } from "../../core/ports/output-store.ts";
import type { Store } from "../../core/ports/store.ts";
import type { Scheduler } from "../../core/scheduler.ts";
import type { SsmOperationTypes, TypedSsmOperation } from "../../protocol/ssm/types.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import type { Caller } from "../http/aws-protocol.ts";
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
  /** SendCommand's check of NotificationArn (server/events); absent: any is accepted. */
  knownNotificationTarget?(arn: string): Promise<boolean>;
  /** Where full step output is stored (StandardOutputUrl/StandardErrorUrl); absent: no URLs. */
  outputs?: OutputStore;
  /** SendCommand's check of OutputS3BucketName/OutputS3KeyPrefix: why they cannot be used, or undefined. */
  outputFolderProblem?(bucket: string | undefined, prefix: string): Promise<string | undefined>;
  /** The authenticated caller. */
  caller: Caller;
  /** The caller's permissions, for this request. */
  authz: Authorizer;
}

/** The handler of operation `Op`: its validated model input in, its model output out. */
export type OperationHandler<Op extends TypedSsmOperation> = (
  ctx: ApiContext,
  input: SsmOperationTypes[Op]["input"],
) => Promise<SsmOperationTypes[Op]["output"]>;

/** A handler table: each entry is checked against its own operation's input and output. */
export type OperationTable = { readonly [Op in TypedSsmOperation]?: OperationHandler<Op> };
