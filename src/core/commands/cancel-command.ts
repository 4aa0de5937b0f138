import { SsmError } from "../../protocol/errors.ts";
import type { Bus } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Store } from "../ports/store.ts";
import { isExecuting } from "../status-rollup.ts";
import { checkNoDuplicates } from "../targeting.ts";

/**
 * CancelCommand: queued invocations end `Cancelled` at once; released ones move to `Cancelling`
 * and their nodes are told to kill the process group. Without InstanceIds the whole command is
 * cancelled (and stops releasing). Best-effort, as in SSM: a finished invocation stays finished.
 * Callers run it on the command's scheduler chain (`Scheduler.exclusive`).
 */
export async function cancelCommand(
  deps: { store: Store; bus: Bus; clock: Clock },
  commandId: string,
  instanceIds: string[] | undefined,
): Promise<void> {
  const { store, bus, clock } = deps;
  const command = await store.getCommand(commandId);
  if (!command) throw new SsmError("InvalidCommandId", `Command ${commandId} does not exist.`);
  checkNoDuplicates(instanceIds ?? []);
  const only = instanceIds && instanceIds.length > 0 ? instanceIds : undefined;
  if (only) {
    for (const id of only) {
      if (!(await store.getInvocation(commandId, id))) {
        throw new SsmError("InvalidInstanceId", `Command ${commandId} was not sent to ${id}.`);
      }
    }
  }
  const now = clock.now();
  const scope = only ? { instanceIds: only } : {};
  await store.transitionInvocations(
    { commandId, details: ["Pending"], released: false, ...scope },
    { status: "Cancelled", statusDetails: "Cancelled", endedAt: now, cancelRequested: true, updatedAt: now },
  );
  const cancelling = await store.transitionInvocations(
    { commandId, details: ["InProgress", "Delayed"], released: true, ...scope },
    { status: "Cancelling", statusDetails: "Cancelling", cancelRequested: true, updatedAt: now },
  );
  if (!only && isExecuting(command.status)) {
    await store.updateCommand(commandId, { status: "Cancelling", statusDetails: "Cancelling" });
  }
  for (const inv of cancelling) {
    await bus.publish(`node.${inv.instanceId}`, { kind: "cancel", commandId, instanceId: inv.instanceId });
  }
  await bus.publish("scheduler", { kind: "command-changed", commandId });
}
