import type { OutputLocation, OutputStore } from "../core/ports/output-store.ts";
import { SsmError } from "../protocol/errors.ts";
import type { FilesystemOutputStore } from "./filesystem/filesystem-output-store.ts";
import type { S3OutputStore } from "./s3/s3-output-store.ts";

const NO_S3 =
  "This fleetrun server has no S3 endpoint configured (start it with --s3-endpoint), so it cannot write to OutputS3BucketName.";

/**
 * The server's OutputStore: locations without a bucket go to the files under the data dir,
 * locations with one to the configured S3-compatible endpoint. Chosen per location because
 * SendCommand picks the destination per command.
 */
export class OutputRouter implements OutputStore {
  /** The data-dir store (served by `GET /output/<key>`). */
  readonly files: FilesystemOutputStore;
  readonly #s3: S3OutputStore | undefined;

  constructor(files: FilesystemOutputStore, s3: S3OutputStore | undefined) {
    this.files = files;
    this.#s3 = s3;
  }

  async write(location: OutputLocation, offset: number, bytes: Uint8Array): Promise<void> {
    return this.#pick(location).write(location, offset, bytes);
  }

  async finish(location: OutputLocation, size: number): Promise<void> {
    return this.#pick(location).finish(location, size);
  }

  async read(location: OutputLocation, offset: number, length: number): Promise<Uint8Array> {
    return this.#pick(location).read(location, offset, length);
  }

  async size(location: OutputLocation): Promise<number> {
    return this.#pick(location).size(location);
  }

  /** "" for a bucket when no S3 endpoint is configured (nothing there can be read back). */
  url(location: OutputLocation): string {
    if (location.bucket !== undefined && location.bucket !== "" && !this.#s3) return "";
    return this.#pick(location).url(location);
  }

  async bucketUsable(bucket: string): Promise<boolean> {
    return (await this.folderProblem(bucket, "")) === undefined;
  }

  /**
   * Why SendCommand's output folder cannot be used (its InvalidOutputFolder message), or
   * undefined. Without a bucket the prefix becomes directories under the data dir, so it may
   * not hold `.`, `..` or empty segments.
   */
  async folderProblem(bucket: string | undefined, prefix: string): Promise<string | undefined> {
    if (bucket === undefined || bucket === "") {
      const bad = prefix !== "" && prefix.split("/").some((s) => s === "" || s === "." || s === "..");
      return bad ? `OutputS3KeyPrefix ${JSON.stringify(prefix)} has an empty, "." or ".." segment.` : undefined;
    }
    if (!this.#s3) return NO_S3;
    return this.#s3.bucketProblem(bucket);
  }

  #pick(location: OutputLocation): OutputStore {
    if (location.bucket === undefined || location.bucket === "") return this.files;
    if (!this.#s3) throw new SsmError("InvalidOutputFolder", NO_S3);
    return this.#s3;
  }
}
