import type { Logger } from "pino";
import { compileEventPattern, type EventPattern } from "../../core/events/event-pattern.ts";
import type { FleetEvent } from "../../core/events/fleet-event.ts";
import { matchesEventPattern } from "../../core/events/match-event-pattern.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { EventStore, RuleRecord } from "../../core/ports/event-store.ts";

/** Rules read at most (EventBridge allows 300 per bus). */
const MAX_RULES = 1000;
/** How long the compiled rule set is trusted before it is read again (rules changed on another replica). */
const REFRESH_MS = 5000;

/**
 * The event rules, compiled once and kept: `matching` answers from memory, reading the store again
 * after `invalidate()` (a rule changed here) or every few seconds (changed on another replica).
 */
export class RuleEngine {
  readonly #store: EventStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  #rules: Array<{ rule: RuleRecord; pattern: EventPattern }> | undefined;
  #loadedAt = 0;

  constructor(deps: { store: EventStore; clock: Clock; log: Logger }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#log = deps.log;
  }

  /** Forgets the compiled rules; the next event reads them again. */
  invalidate(): void {
    this.#rules = undefined;
  }

  /** The rules whose pattern the event matches, by name. */
  async matching(event: FleetEvent): Promise<RuleRecord[]> {
    const rules = await this.#load();
    return rules.filter((r) => matchesEventPattern(r.pattern, event)).map((r) => r.rule);
  }

  async #load(): Promise<Array<{ rule: RuleRecord; pattern: EventPattern }>> {
    const now = this.#clock.now();
    if (this.#rules !== undefined && now - this.#loadedAt < REFRESH_MS) return this.#rules;
    const page = await this.#store.listRules({ offset: 0, limit: MAX_RULES });
    const compiled: Array<{ rule: RuleRecord; pattern: EventPattern }> = [];
    for (const rule of page.items) {
      try {
        compiled.push({ rule, pattern: compileEventPattern(rule.pattern) });
      } catch (error) {
        // Patterns are validated when a rule is created; one that no longer compiles is skipped.
        this.#log.error({ err: error, rule: rule.name }, "event rule pattern does not compile");
      }
    }
    this.#rules = compiled;
    this.#loadedAt = now;
    return compiled;
  }
}
