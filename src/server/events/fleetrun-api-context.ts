import type { DocumentCatalog } from "../../core/documents/document-catalog.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import type { Authorizer } from "../auth/authorizer.ts";
import type { Caller } from "../http/aws-protocol.ts";
import type { SecretBox } from "../secrets/secret-box.ts";

/** What every fleetrun API operation receives. */
export interface FleetrunApiContext {
  store: Store;
  clock: Clock;
  ids: Ids;
  box: SecretBox;
  documents: DocumentCatalog;
  region: string;
  accountId: string;
  /** Tells the rule engine the rule set changed. */
  rulesChanged(): void;
  caller: Caller;
  authz: Authorizer;
}

/** One operation: its raw JSON input in (validated inside), its JSON output out. */
export type FleetrunOperation = (ctx: FleetrunApiContext, input: unknown) => Promise<Record<string, unknown>>;

/** Characters of the signing secrets made for topics and rules. */
export const SECRET_LENGTH = 40;

/** The sealing context of a topic's or rule's secret: a ciphertext copied onto another row does not open. */
export function secretContext(source: string): string {
  return `fleetrun-webhook:${source}`;
}
