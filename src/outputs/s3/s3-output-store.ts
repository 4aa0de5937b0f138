import { createHash } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { OutputLocation, OutputStore } from "../../core/ports/output-store.ts";
import { SsmError } from "../../protocol/errors.ts";
import { keyUrlPath } from "../object-key.ts";
import { uploadObject } from "./object-upload.ts";

/** Options of {@link S3OutputStore}. */
export interface S3OutputStoreOptions {
  client: S3Client;
  /** The endpoint the client talks to; object URLs are built from it. */
  endpoint: string;
  forcePathStyle: boolean;
  /** Chunks wait here until `finish` uploads the whole object (the server uses DATA_DIR/outputs-staging). */
  stagingDir: string;
  /** Objects larger than this go up in parts; default 5 GiB. */
  multipartThreshold?: number;
  /** Preferred part size of multipart uploads; default 64 MiB. */
  partBytes?: number;
}

/**
 * An OutputStore on an S3-compatible bucket. S3 cannot append, so chunks are written into a
 * local staging file at their offsets and `finish` streams that file up as one object (then
 * deletes it). Until then `size` and `read` answer from the staging file; afterwards from the
 * object. A chunk arriving after `finish` (a resend) first brings the object back into staging,
 * so a second `finish` never uploads a file with a hole in it.
 */
export class S3OutputStore implements OutputStore {
  readonly #client: S3Client;
  readonly #options: S3OutputStoreOptions;

  constructor(options: S3OutputStoreOptions) {
    this.#client = options.client;
    this.#options = options;
  }

  async write(location: OutputLocation, offset: number, bytes: Uint8Array): Promise<void> {
    const bucket = bucketOf(location);
    const path = this.#staging(bucket, location.key);
    await mkdir(this.#options.stagingDir, { recursive: true });
    if (offset > 0 && (await fileSize(path)) === undefined) await this.#restore(bucket, location.key, path);
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
    try {
      await handle.write(bytes, 0, bytes.length, offset);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async finish(location: OutputLocation, size: number): Promise<void> {
    const bucket = bucketOf(location);
    const path = this.#staging(bucket, location.key);
    const staged = await fileSize(path);
    if (staged === undefined) {
      // Finished before (a repeated output-done): nothing left to upload if the object is whole.
      const stored = await this.#objectSize(bucket, location.key);
      if (stored === size || size === 0) return;
      throw new SsmError("InternalServerError", `output ${location.key} has ${stored} bytes stored, not ${size}`);
    }
    if (staged < size) {
      throw new SsmError("InternalServerError", `output ${location.key} holds ${staged} bytes, fewer than ${size}`);
    }
    if (size > 0) {
      await uploadObject({
        client: this.#client,
        bucket,
        key: location.key,
        file: path,
        size,
        ...(this.#options.multipartThreshold === undefined
          ? {}
          : { multipartThreshold: this.#options.multipartThreshold }),
        ...(this.#options.partBytes === undefined ? {} : { partBytes: this.#options.partBytes }),
      });
    }
    await rm(path, { force: true });
  }

  async read(location: OutputLocation, offset: number, length: number): Promise<Uint8Array> {
    const bucket = bucketOf(location);
    const path = this.#staging(bucket, location.key);
    if ((await fileSize(path)) !== undefined) return readFileRange(path, offset, length);
    const stored = await this.#objectSize(bucket, location.key);
    if (offset >= stored || length === 0) return new Uint8Array(0);
    const last = Math.min(stored, offset + length) - 1;
    const object = await this.#client.send(
      new GetObjectCommand({ Bucket: bucket, Key: location.key, Range: `bytes=${offset}-${last}` }),
    );
    return object.Body ? await object.Body.transformToByteArray() : new Uint8Array(0);
  }

  async size(location: OutputLocation): Promise<number> {
    const bucket = bucketOf(location);
    return (await fileSize(this.#staging(bucket, location.key))) ?? (await this.#objectSize(bucket, location.key));
  }

  url(location: OutputLocation): string {
    const bucket = bucketOf(location);
    const endpoint = new URL(this.#options.endpoint);
    const base = endpoint.origin + endpoint.pathname.replace(/\/+$/, "");
    if (this.#options.forcePathStyle) return `${base}/${encodeURIComponent(bucket)}/${keyUrlPath(location.key)}`;
    return `${endpoint.protocol}//${bucket}.${endpoint.host}/${keyUrlPath(location.key)}`;
  }

  async bucketUsable(bucket: string): Promise<boolean> {
    return (await this.bucketProblem(bucket)) === undefined;
  }

  /** Why `bucket` cannot take output (HeadBucket's answer), or undefined when it can. */
  async bucketProblem(bucket: string): Promise<string | undefined> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: bucket }));
      return undefined;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const name = (error as Error).name;
      if (status === 404) return `The S3 bucket ${bucket} does not exist on ${this.#options.endpoint}.`;
      if (status === 403) return `The server's S3 credentials may not use the bucket ${bucket}.`;
      return `The S3 bucket ${bucket} cannot be reached on ${this.#options.endpoint} (${name}).`;
    }
  }

  /** Size of the stored object, 0 when there is none. */
  async #objectSize(bucket: string, key: string): Promise<number> {
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return 0;
      throw error;
    }
  }

  /** Streams the stored object (if any) into a new staging file. */
  async #restore(bucket: string, key: string, path: string): Promise<void> {
    if ((await this.#objectSize(bucket, key)) === 0) return;
    const object = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!(object.Body instanceof Readable)) return;
    await pipeline(object.Body, createWriteStream(path, { mode: 0o600 }));
  }

  /** Keys can hold anything S3 allows: the staging file is named by a hash, never by the key. */
  #staging(bucket: string, key: string): string {
    const name = createHash("sha256").update(`${bucket}\0${key}`).digest("hex");
    return join(this.#options.stagingDir, name);
  }
}

function bucketOf(location: OutputLocation): string {
  if (location.bucket === undefined || location.bucket === "") {
    throw new SsmError("InvalidOutputFolder", "an S3 output location needs a bucket");
  }
  return location.bucket;
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function readFileRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
