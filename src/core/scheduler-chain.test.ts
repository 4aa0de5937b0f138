import assert from "node:assert/strict";
import { type TestContext, test } from "node:test";
import { MemoryBus } from "../bus/memory/memory-bus.ts";
import type { ResultMessage } from "../protocol/agent/messages.ts";
import { randomIds } from "../server/random-ids.ts";
import { aNode, anActivation, nodeId, T0 } from "../store/contract/fixtures.ts";
import { openStore } from "../store/open-store.ts";
import { cancelCommand } from "./commands/cancel-command.ts";
import { recordResult } from "./commands/record-result.ts";
import { sendCommand } from "./commands/send-command.ts";
import { DocumentService } from "./documents/document-service.ts";
import type { Store } from "./ports/store.ts";
import { Scheduler } from "./scheduler.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A real store seen through a proxy that logs each scheduler pass (every pass starts with
 * `getCommand`) and can hold passes at that point until `open()`.
 */
function watchedStore(store: Store, log: string[]) {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const watched = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop !== "getCommand") return value.bind(target);
      return async (commandId: string) => {
        log.push("step");
        await gate;
        return target.getCommand(commandId);
      };
    },
  });
  return {
    watched,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    open: () => open(),
  };
}

async function openFleet(t: TestContext, size: number) {
  const store = await openStore("sqlite::memory:");
  t.after(() => store.close());
  await store.migrate();
  await store.createActivation(anActivation({ registrationLimit: size, tags: [] }));
  const nodes = Array.from({ length: size }, (_, i) => nodeId(i + 1));
  for (const id of nodes) await store.registerNode("act-1", "hash-1", aNode(id), T0);
  const clock = { now: () => T0 };
  const log: string[] = [];
  const gate = watchedStore(store, log);
  const bus = new MemoryBus();
  const scheduler = new Scheduler(gate.watched, bus, clock);
  const documents = new DocumentService({ store, clock, accountId: "123456789012" });
  const send = (maxConcurrency: string) =>
    sendCommand(
      { store, documents, clock, ids: randomIds },
      {
        DocumentName: "AWS-RunShellScript",
        InstanceIds: nodes,
        Parameters: { commands: ["true"] },
        MaxConcurrency: maxConcurrency,
      },
      "AKIATEST",
    );
  return { store, bus, clock, nodes, log, gate, scheduler, send };
}

test("pokes that arrive before a pass starts share it; a poke during a pass gets a fresh one", async (t) => {
  const fleet = await openFleet(t, 2);
  const { commandId } = await fleet.send("1");
  fleet.gate.hold();
  const first = fleet.scheduler.poke(commandId);
  await tick();
  assert.deepEqual(fleet.log, ["step"], "the first pass is under way, held");
  // Signals that arrive while the pass runs must not be lost, yet need only one more pass.
  const later = Array.from({ length: 5 }, () => fleet.scheduler.poke(commandId));
  fleet.gate.open();
  await Promise.all([first, ...later]);
  assert.deepEqual(fleet.log, ["step", "step"], "one more pass for the five pokes, not five");
});

test("exclusive work waits for the pass under way and runs before the passes poked after it", async (t) => {
  const fleet = await openFleet(t, 2);
  const { commandId } = await fleet.send("1");
  fleet.gate.hold();
  const pass = fleet.scheduler.poke(commandId);
  await tick();
  const work = fleet.scheduler.exclusive(commandId, async () => {
    fleet.log.push("exclusive");
    return 42;
  });
  const next = fleet.scheduler.poke(commandId);
  await tick();
  assert.deepEqual(fleet.log, ["step"], "the exclusive work did not start while the pass is held");
  fleet.gate.open();
  assert.equal(await work, 42);
  await Promise.all([pass, next]);
  assert.deepEqual(fleet.log, ["step", "exclusive", "step"]);
});

test("a failing exclusive work rejects its caller and does not block the chain", async (t) => {
  const fleet = await openFleet(t, 1);
  const { commandId } = await fleet.send("1");
  await assert.rejects(
    fleet.scheduler.exclusive(commandId, async () => {
      throw new Error("boom");
    }),
    /boom/,
  );
  await fleet.scheduler.poke(commandId);
  assert.equal((await fleet.store.getInvocation(commandId, fleet.nodes[0] ?? ""))?.statusDetails, "InProgress");
});

/** A small deterministic PRNG (mulberry32) so a failing interleaving can be replayed by its seed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

test("a cancel run through `exclusive` while passes and results interleave always ends the command Cancelled", async (t) => {
  const fleet = await openFleet(t, 6);
  const deps = { store: fleet.store, bus: fleet.bus, clock: fleet.clock };
  fleet.bus.subscribe("scheduler", (m) => {
    if (m.kind === "command-changed") void fleet.scheduler.poke(m.commandId);
  });
  const result = (commandId: string, status: ResultMessage["status"]): ResultMessage => ({
    type: "result",
    commandId,
    status,
    responseCode: status === "Success" ? 0 : 137,
    endedAt: T0,
    plugins: [],
  });
  const [first = "", second = ""] = fleet.nodes;

  for (let seed = 1; seed <= 40; seed++) {
    const random = prng(seed);
    const { commandId } = await fleet.send("2");
    // Ramp-up: the second node is sent to once the first acknowledged.
    await fleet.scheduler.poke(commandId);
    await fleet.store.updateInvocation(commandId, first, { deliveredAt: T0, updatedAt: T0 });
    await fleet.scheduler.poke(commandId);
    assert.equal((await fleet.store.countInvocations(commandId)).InProgress, 2);
    const operations: Array<() => Promise<unknown>> = [
      () => fleet.scheduler.poke(commandId),
      () => fleet.scheduler.poke(commandId),
      () => fleet.scheduler.poke(commandId),
      () => recordResult(deps, first, result(commandId, "Success")),
      () => recordResult(deps, second, result(commandId, "Success")),
      () => fleet.scheduler.exclusive(commandId, () => cancelCommand(deps, commandId, undefined)),
    ];
    operations.sort(() => random() - 0.5);
    await Promise.all(
      operations.map(async (operation) => {
        for (let wait = Math.floor(random() * 4); wait > 0; wait--) await tick();
        await operation();
      }),
    );
    // The agents answer every cancel they were sent.
    for (const id of fleet.nodes) {
      if ((await fleet.store.getInvocation(commandId, id))?.statusDetails === "Cancelling")
        await recordResult(deps, id, result(commandId, "Cancelled"));
    }
    for (let i = 0; i < 3; i++) {
      await tick();
      await fleet.scheduler.idle();
    }
    const command = await fleet.store.getCommand(commandId);
    assert.deepEqual([command?.status, command?.statusDetails], ["Cancelled", "Cancelled"], `seed ${seed}`);
  }
});
