import { SsmError } from "../../protocol/errors.ts";
import type { Bus } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Store } from "../ports/store.ts";

const PAGE = 200;

/**
 * DeregisterManagedInstance: forgets the node, cuts its connection at once, and ends its open
 * invocations `Undeliverable` so its commands can finish instead of waiting for a timeout.
 */
export async function deregisterNode(
  deps: { store: Store; bus: Bus; clock: Clock },
  instanceId: string,
): Promise<void> {
  const { store, bus, clock } = deps;
  if (!(await store.deleteNode(instanceId))) {
    throw new SsmError("InvalidInstanceId", `Instance ${instanceId} is not a registered managed node.`);
  }
  await bus.publish(`node.${instanceId}`, { kind: "disconnect", instanceId });
  const commands = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listInvocations(
      { instanceId, statuses: ["Pending", "InProgress", "Delayed", "Cancelling"] },
      { offset, limit: PAGE },
    );
    for (const inv of page.items) commands.add(inv.commandId);
    if (!page.more) break;
  }
  const now = clock.now();
  for (const commandId of commands) {
    await store.transitionInvocations(
      { commandId, instanceIds: [instanceId], details: ["Pending", "InProgress", "Delayed", "Cancelling"] },
      { status: "Failed", statusDetails: "Undeliverable", endedAt: now, updatedAt: now },
    );
    await bus.publish("scheduler", { kind: "command-changed", commandId });
  }
}
