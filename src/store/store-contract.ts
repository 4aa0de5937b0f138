import { describe } from "node:test";
import { accessKeyContract } from "./contract/access-key-contract.ts";
import { activationContract } from "./contract/activation-contract.ts";
import { auditContract } from "./contract/audit-contract.ts";
import { commandContract } from "./contract/command-contract.ts";
import { documentContract } from "./contract/document-contract.ts";
import { eventContract } from "./contract/event-contract.ts";
import { identityPolicyContract } from "./contract/identity-policy-contract.ts";
import { invocationContract } from "./contract/invocation-contract.ts";
import { nodeContract } from "./contract/node-contract.ts";
import { registrationContract } from "./contract/registration-contract.ts";
import { releaseContract } from "./contract/release-contract.ts";
import type { OpenStore } from "./contract/store-context.ts";
import { useFreshStore } from "./contract/store-context.ts";
import { tagContract } from "./contract/tag-contract.ts";

export type { OpenStore } from "./contract/store-context.ts";

/**
 * The contract every Store implementation passes: node:test suites over every method's documented
 * semantics. `open` must give an empty store that is not yet migrated; each test migrates it, and
 * afterwards closes it and then calls `cleanup` (which must not close it again).
 */
export function storeContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    const ctx = useFreshStore(open);
    accessKeyContract(ctx);
    identityPolicyContract(ctx);
    activationContract(ctx);
    registrationContract(ctx);
    nodeContract(ctx);
    tagContract(ctx);
    commandContract(ctx);
    invocationContract(ctx);
    releaseContract(ctx);
    documentContract(ctx);
    auditContract(ctx);
    eventContract(ctx);
  });
}
