import type { StatusChangeSink } from "../../core/events/status-change.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Store } from "../../core/ports/store.ts";

/**
 * The store, reporting every status change it writes to `sink`: commands created and their status
 * changes, invocations released, transitioned, finished, nodes registered and deregistered. Every
 * path that changes a status (scheduler, results, CancelCommand, deregistration, rules) goes
 * through these few store methods, so none can forget to emit; the core stays unaware of events.
 * Everything else passes through untouched.
 */
export function observeStore(store: Store, sink: StatusChangeSink, clock: Clock): Store {
  const overrides: Partial<Store> = {
    async createCommand(command, invocations) {
      await store.createCommand(command, invocations);
      sink.push({ kind: "command", command, at: command.requestedAt });
      for (const inv of invocations) {
        const { commandId, instanceId, status } = inv;
        sink.push({ kind: "invocation", commandId, instanceId, status, at: command.requestedAt });
      }
    },
    async updateCommand(commandId, patch) {
      // The status a command had is needed to tell a change; counters-only updates skip the read.
      const before = patch.status === undefined ? undefined : await store.getCommand(commandId);
      await store.updateCommand(commandId, patch);
      if (before !== undefined && before.status !== patch.status) {
        sink.push({ kind: "command", command: { ...before, ...patch }, at: clock.now() });
      }
    },
    async releaseInvocations(commandId, count, now) {
      const released = await store.releaseInvocations(commandId, count, now);
      for (const inv of released) {
        sink.push({ kind: "invocation", commandId, instanceId: inv.instanceId, status: inv.status, at: now });
      }
      return released;
    },
    async transitionInvocations(selector, to) {
      const moved = await store.transitionInvocations(selector, to);
      for (const inv of moved) {
        const { commandId, instanceId, status } = inv;
        sink.push({ kind: "invocation", commandId, instanceId, status, at: to.updatedAt });
      }
      return moved;
    },
    async updateInvocation(commandId, instanceId, patch, options) {
      const changed = await store.updateInvocation(commandId, instanceId, patch, options);
      if (changed && patch.status !== undefined) {
        sink.push({
          kind: "invocation",
          commandId,
          instanceId,
          status: patch.status,
          at: patch.updatedAt ?? clock.now(),
        });
      }
      return changed;
    },
    async registerNode(activationId, codeHash, node, now) {
      const outcome = await store.registerNode(activationId, codeHash, node, now);
      if (outcome === "registered")
        sink.push({ kind: "node", change: "Registered", instanceId: node.instanceId, at: now });
      return outcome;
    },
    async deleteNode(instanceId) {
      const deleted = await store.deleteNode(instanceId);
      if (deleted) sink.push({ kind: "node", change: "Deregistered", instanceId, at: clock.now() });
      return deleted;
    },
  };
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Store];
      // Bound to the real store: its methods use #private fields, which a proxy receiver lacks.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
