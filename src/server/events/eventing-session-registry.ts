import type { StatusChangeSink } from "../../core/events/status-change.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { AgentSession } from "../gateway/agent-session.ts";
import { SessionRegistry } from "../gateway/session-registry.ts";

/**
 * The session registry, reporting node connections: a session attached after its handshake is
 * "Connected"; the node's current session going away is "ConnectionLost" (a replaced session is
 * not: the node stays connected through the newer one).
 */
export class EventingSessionRegistry extends SessionRegistry {
  readonly #sink: StatusChangeSink;
  readonly #clock: Clock;

  constructor(sink: StatusChangeSink, clock: Clock) {
    super();
    this.#sink = sink;
    this.#clock = clock;
  }

  override attach(instanceId: string, session: AgentSession): void {
    super.attach(instanceId, session);
    this.#sink.push({ kind: "node", change: "Connected", instanceId, at: this.#clock.now() });
  }

  override detach(instanceId: string, session: AgentSession): boolean {
    const current = super.detach(instanceId, session);
    if (current) this.#sink.push({ kind: "node", change: "ConnectionLost", instanceId, at: this.#clock.now() });
    return current;
  }
}
