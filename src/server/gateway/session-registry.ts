import type { AgentSession } from "./agent-session.ts";

/** The sessions this replica holds, one per node; a newer connection replaces an older one. */
export class SessionRegistry {
  readonly #sessions = new Map<string, AgentSession>();

  attach(instanceId: string, session: AgentSession): void {
    const previous = this.#sessions.get(instanceId);
    this.#sessions.set(instanceId, session);
    if (previous && previous !== session) previous.close(4000, "replaced by a newer connection");
  }

  /** Forgets the session if it is still the node's current one; returns whether it was. */
  detach(instanceId: string, session: AgentSession): boolean {
    if (this.#sessions.get(instanceId) !== session) return false;
    this.#sessions.delete(instanceId);
    return true;
  }

  all(): AgentSession[] {
    return [...this.#sessions.values()];
  }

  closeAll(code: number, reason: string): void {
    for (const session of this.#sessions.values()) session.close(code, reason);
  }
}
