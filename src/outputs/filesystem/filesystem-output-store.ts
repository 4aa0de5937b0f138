import { constants, createReadStream } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import type { OutputLocation, OutputStore } from "../../core/ports/output-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import { keySegments, keyUrlPath } from "../object-key.ts";

/** Options of {@link FilesystemOutputStore}. */
export interface FilesystemOutputStoreOptions {
  /** Objects live at `<root>/<key>` (the server uses DATA_DIR/outputs). */
  root: string;
  /** The server's own URL (`http(s)://host:port`), read when a URL is asked for. */
  baseUrl: () => string;
}

/** An object opened for download. */
export interface OutputDownload {
  size: number;
  stream: Readable;
}

/**
 * The default OutputStore: one file per object under the data dir, written in place at each
 * chunk's offset (and flushed to disk before the write resolves), served by the server at
 * `GET /output/<key>`. It has no buckets: a location naming one is refused.
 */
export class FilesystemOutputStore implements OutputStore {
  readonly #root: string;
  readonly #baseUrl: () => string;

  constructor(options: FilesystemOutputStoreOptions) {
    this.#root = options.root;
    this.#baseUrl = options.baseUrl;
  }

  async write(location: OutputLocation, offset: number, bytes: Uint8Array): Promise<void> {
    const path = this.#path(location);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
    try {
      await handle.write(bytes, 0, bytes.length, offset);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async finish(location: OutputLocation, size: number): Promise<void> {
    const path = this.#path(location);
    const held = await this.size(location);
    if (held < size) {
      throw new SsmError("InternalServerError", `output ${location.key} holds ${held} bytes, fewer than ${size}`);
    }
    // Empty streams are not stored, as the SSM agent does not upload them.
    if (size === 0) {
      await rm(path, { force: true });
      return;
    }
    // A step that ran again (after a reboot) may have written less than the run before it.
    const handle = await open(path, "r+");
    try {
      await handle.truncate(size);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async read(location: OutputLocation, offset: number, length: number): Promise<Uint8Array> {
    const path = this.#path(location);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, "r");
    } catch (error) {
      if (isMissing(error)) return new Uint8Array(0);
      throw error;
    }
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async size(location: OutputLocation): Promise<number> {
    try {
      return (await stat(this.#path(location))).size;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  }

  url(location: OutputLocation): string {
    return `${this.#baseUrl()}/output/${keyUrlPath(location.key)}`;
  }

  async bucketUsable(_bucket: string): Promise<boolean> {
    return false;
  }

  /** Opens an object for streaming; undefined when it does not exist. */
  async download(location: OutputLocation): Promise<OutputDownload | undefined> {
    const path = this.#path(location);
    const handle = await open(path, "r").catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (handle === undefined) return undefined;
    const { size } = await handle.stat();
    if (size === 0) {
      await handle.close();
      return { size, stream: Readable.from([]) };
    }
    // The size is fixed at open: bytes a late chunk appends are not sent past Content-Length.
    return { size, stream: createReadStream("", { fd: handle, start: 0, end: size - 1 }) };
  }

  #path(location: OutputLocation): string {
    if (location.bucket !== undefined) {
      throw new SsmError("InvalidOutputFolder", "the server's own output store has no buckets");
    }
    return join(this.#root, ...keySegments(location.key));
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT";
}
