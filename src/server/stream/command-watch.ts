import type { CommandRecord, InvocationRecord } from "../../core/model.ts";
import type { Bus, BusMessage } from "../../core/ports/bus.ts";
import type { Store } from "../../core/ports/store.ts";
import { OutputCursor, streamKey } from "./output-cursor.ts";
import type { ReplaySource } from "./replay-source.ts";
import { FINAL_COMMAND_STATUSES, type StatusChange, StatusTracker, statusChangeOf } from "./status-tracker.ts";

/** The part of a {@link WatcherChannel} a watch drives. */
export interface EventChannel {
  readonly open: boolean;
  send(name: string, data: unknown): boolean;
  finish(name: string, data: unknown): void;
  onStop(handler: () => void): void;
}

/** What a watch needs. */
export interface CommandWatchDeps {
  bus: Bus;
  store: Pick<Store, "getCommand" | "listInvocations">;
  replay: ReplaySource;
  /** The store is re-read this often: the truth when a bus message is lost. */
  pollMs: number;
  /** Wait after the command ends, for output still in flight, before `end`. */
  endGraceMs: number;
  /** Bus messages held while the replay runs; more drops the watcher. */
  maxPending?: number;
  /** Told about store failures (the watcher only gets an `error` event). */
  onError?(error: unknown): void;
}

/** One watcher's request: the command, the nodes it may read, whether to replay stored output first. */
export interface WatchRequest {
  command: CommandRecord;
  invocations: InvocationRecord[];
  allowed: ReadonlySet<string>;
  fromStart: boolean;
}

/**
 * Streams one command to one watcher: `status` for the command and each readable node (first
 * their current state, then changes from the `events` subject and from the store), `output` from
 * the `output.<commandId>` subject (each byte once, nodes the watcher may not read left out), and
 * `end` once the command reached a final status. Subscribes before it replays, so nothing falls
 * between the replay and the live stream. Stops with the channel.
 */
export async function watchCommand(
  deps: CommandWatchDeps,
  channel: EventChannel,
  request: WatchRequest,
): Promise<void> {
  const { command, allowed } = request;
  const commandId = command.commandId;
  const cursor = new OutputCursor();
  const statuses = new StatusTracker();
  let pending: BusMessage[] | undefined = [];
  let ending = false;
  let poll: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;

  const sendStatus = (change: StatusChange) => {
    if (change.instanceId !== undefined && !allowed.has(change.instanceId)) return;
    if (statuses.update(change)) channel.send("status", change);
  };
  const endSoon = (final: CommandRecord) => {
    if (ending) return;
    ending = true;
    grace = setTimeout(() => {
      finish(final).catch(fail);
    }, deps.endGraceMs);
  };
  const finish = async (final: CommandRecord) => {
    for (const inv of await allInvocations(deps.store, commandId)) sendStatus(invocationStatus(inv));
    channel.finish("end", { status: final.status, statusDetails: final.statusDetails });
  };
  const handle = (message: BusMessage) => {
    if (!channel.open) return;
    if (message.kind === "output" && message.commandId === commandId && allowed.has(message.instanceId)) {
      const key = streamKey(message.instanceId, message.step, message.stream);
      const text = cursor.advance(key, message.offset, message.text);
      if (text === "") return;
      channel.send("output", { instanceId: message.instanceId, step: message.step, stream: message.stream, text });
    } else if (message.kind === "event") {
      const change = statusChangeOf(message.event, commandId);
      if (change) sendStatus(change);
      if (change && change.instanceId === undefined && FINAL_COMMAND_STATUSES.has(change.status)) checkLater();
    }
  };
  const check = async () => {
    if (ending || !channel.open) return;
    const now = await deps.store.getCommand(commandId);
    if (!now) return;
    sendStatus({ status: now.status, statusDetails: now.statusDetails });
    if (FINAL_COMMAND_STATUSES.has(now.status)) endSoon(now);
  };
  const checkLater = () => {
    check().catch(fail);
  };
  const fail = (error: unknown) => {
    deps.onError?.(error);
    channel.finish("error", {
      code: "InternalServerError",
      message: "the command could not be read; see the server log",
    });
  };
  const onMessage = (message: BusMessage) => {
    if (pending === undefined) handle(message);
    else if (pending.length < (deps.maxPending ?? 10_000)) pending.push(message);
    else channel.finish("error", { code: "SlowConsumer", message: "too much output arrived during the replay" });
  };

  const unsubscribe = [deps.bus.subscribe(`output.${commandId}`, onMessage), deps.bus.subscribe("events", onMessage)];
  channel.onStop(() => {
    for (const stop of unsubscribe) stop();
    clearInterval(poll);
    clearTimeout(grace);
  });

  sendStatus({ status: command.status, statusDetails: command.statusDetails });
  for (const inv of request.invocations) sendStatus(invocationStatus(inv));
  if (request.fromStart) {
    for (const inv of request.invocations) {
      if (!allowed.has(inv.instanceId)) continue;
      for (const chunk of await deps.replay.read(command, inv)) {
        if (!channel.open) return;
        const text = cursor.advance(streamKey(inv.instanceId, chunk.step, chunk.stream), chunk.offset ?? 0, chunk.text);
        if (text !== "")
          channel.send("output", { instanceId: inv.instanceId, step: chunk.step, stream: chunk.stream, text });
      }
    }
  }
  const held = pending;
  pending = undefined;
  for (const message of held) handle(message);
  if (!channel.open) return;
  poll = setInterval(checkLater, deps.pollMs);
  await check();
}

/** Every invocation of a command, in release order. */
export async function allInvocations(
  store: Pick<Store, "listInvocations">,
  commandId: string,
): Promise<InvocationRecord[]> {
  const out: InvocationRecord[] = [];
  for (let offset = 0; ; ) {
    const page = await store.listInvocations({ commandId }, { offset, limit: 1000 });
    out.push(...page.items);
    offset += page.items.length;
    if (!page.more || page.items.length === 0) return out.sort((a, b) => a.seq - b.seq);
  }
}

function invocationStatus(inv: InvocationRecord): StatusChange {
  return { instanceId: inv.instanceId, status: inv.status, statusDetails: inv.statusDetails };
}
