import { createHash } from "node:crypto";
import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LogEvent, LogGroupInfo, LogStore, LogStreamInfo } from "./log-store.ts";

interface Meta {
  name: string;
  creationTime: number;
}

/** A stored line: timestamp, ingestion time, message, offset (-1 when none). */
type Row = [number, number, string, number];

const GROUP_META = "group.json";

/**
 * Log events in files under one directory: a folder per group and, per stream, a JSON-lines file
 * of events beside a small file naming it (names become hashes, so any name is a valid path).
 * Writes to one stream are serialised; a stream's last offset is kept to drop repeats.
 */
export class FileLogStore implements LogStore {
  readonly #root: string;
  readonly #now: () => number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #lastOffset = new Map<string, number>();

  constructor(root: string, now: () => number = Date.now) {
    this.#root = root;
    this.#now = now;
  }

  append(group: string, stream: string, events: readonly LogEvent[]): Promise<void> {
    const key = `${hash(group)}/${hash(stream)}`;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#append(group, stream, key, events));
    // The chain must survive a failed write, or every later write to the stream would fail too.
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }

  async #append(group: string, stream: string, key: string, events: readonly LogEvent[]): Promise<void> {
    const dir = join(this.#root, hash(group));
    const file = join(this.#root, `${key}.log`);
    let last = this.#lastOffset.get(key);
    if (last === undefined) {
      await mkdir(dir, { recursive: true });
      await writeMetaOnce(join(dir, GROUP_META), { name: group, creationTime: this.#now() });
      await writeMetaOnce(join(this.#root, `${key}.json`), { name: stream, creationTime: this.#now() });
      last = (await readRows(file)).reduce((max, row) => Math.max(max, row[3]), -1);
    }
    const fresh = events.filter((e) => e.offset === undefined || e.offset > (last ?? -1));
    for (const e of fresh) if (e.offset !== undefined) last = Math.max(last, e.offset);
    this.#lastOffset.set(key, last);
    if (fresh.length === 0) return;
    const lines = fresh.map((e) => `${JSON.stringify([e.timestamp, e.ingestionTime, e.message, e.offset ?? -1])}\n`);
    await appendFile(file, lines.join(""));
  }

  async groups(prefix = ""): Promise<LogGroupInfo[]> {
    const out: LogGroupInfo[] = [];
    for (const dir of await list(this.#root)) {
      const meta = await readMeta(join(this.#root, dir, GROUP_META));
      if (!meta?.name.startsWith(prefix)) continue;
      const streams = (await this.streams(meta.name)) ?? [];
      const storedBytes = streams.reduce((sum, s) => sum + s.storedBytes, 0);
      out.push({ logGroupName: meta.name, creationTime: meta.creationTime, storedBytes });
    }
    return out.sort((a, b) => compare(a.logGroupName, b.logGroupName));
  }

  async streams(group: string, prefix = ""): Promise<LogStreamInfo[] | undefined> {
    const dir = join(this.#root, hash(group));
    if (!(await readMeta(join(dir, GROUP_META)))) return undefined;
    const out: LogStreamInfo[] = [];
    for (const name of await list(dir)) {
      if (name === GROUP_META || !name.endsWith(".json")) continue;
      const meta = await readMeta(join(dir, name));
      if (!meta?.name.startsWith(prefix)) continue;
      const rows = await readRows(join(dir, name.replace(/\.json$/, ".log")));
      const first = rows[0];
      const last = rows.at(-1);
      out.push({
        logStreamName: meta.name,
        creationTime: meta.creationTime,
        ...(first ? { firstEventTimestamp: first[0] } : {}),
        ...(last ? { lastEventTimestamp: last[0], lastIngestionTime: last[1] } : {}),
        storedBytes: rows.reduce((sum, row) => sum + Buffer.byteLength(row[2]), 0),
      });
    }
    return out.sort((a, b) => compare(a.logStreamName, b.logStreamName));
  }

  async events(group: string, stream: string): Promise<LogEvent[] | undefined> {
    const key = `${hash(group)}/${hash(stream)}`;
    if (!(await readMeta(join(this.#root, `${key}.json`)))) return undefined;
    return (await readRows(join(this.#root, `${key}.log`))).map(([timestamp, ingestionTime, message, offset]) => ({
      timestamp,
      ingestionTime,
      message,
      ...(offset >= 0 ? { offset } : {}),
    }));
  }
}

function hash(name: string): string {
  return createHash("sha256").update(name).digest("hex").slice(0, 40);
}

/** Byte-wise order, as CloudWatch Logs sorts names. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function writeMetaOnce(path: string, meta: Meta): Promise<void> {
  try {
    await writeFile(path, JSON.stringify(meta), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

async function readMeta(path: string): Promise<Meta | undefined> {
  const text = await readFile(path, "utf8").catch(absentAs(""));
  return text === "" ? undefined : (JSON.parse(text) as Meta);
}

async function readRows(path: string): Promise<Row[]> {
  const text = await readFile(path, "utf8").catch(absentAs(""));
  // A line cut short by a crash mid-append is skipped rather than failing the whole stream.
  return text.split("\n").flatMap((line) => {
    if (line === "") return [];
    try {
      return [JSON.parse(line) as Row];
    } catch (error) {
      if (error instanceof SyntaxError) return [];
      throw error;
    }
  });
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(absentAs([] as string[]));
}

function absentAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return value;
    throw error;
  };
}
