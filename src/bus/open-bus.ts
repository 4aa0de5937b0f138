import type { Bus } from "../core/ports/bus.ts";
import { MemoryBus } from "./memory/memory-bus.ts";
import { NatsBus } from "./nats/nats-bus.ts";

/**
 * Opens the bus a server was configured with: none → the in-process bus (one server),
 * `nats://host:port` → NATS (several replicas). `onError` hears what the bus cannot return to a caller.
 */
export async function openBus(url: string | undefined, onError?: (error: Error) => void): Promise<Bus> {
  if (url === undefined) return new MemoryBus();
  if (!url.startsWith("nats://")) throw new Error(`unsupported bus URL ${url}: use nats://host:port`);
  return NatsBus.connect({ url, ...(onError ? { onError } : {}) });
}
