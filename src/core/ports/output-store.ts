/**
 * The OutputStore port: the full stdout/stderr of every step, never truncated. Keys follow SSM's
 * layout: `<prefix>/<commandId>/<instanceId>/<action without ':'>/<step without ':'>/stdout|stderr`.
 * Implementations: outputs/filesystem (the data dir, the default) and outputs/s3 (a bucket named
 * by SendCommand's OutputS3BucketName on a configured S3-compatible endpoint).
 */
export interface OutputLocation {
  /** Undefined: the server's own store (files under the data dir). */
  bucket?: string;
  key: string;
}

export interface OutputStore {
  /**
   * Writes `bytes` at byte `offset` of the object. Idempotent: re-sending a chunk after a
   * reconnect rewrites the same bytes. Chunks arrive in order per object, but may repeat.
   */
  write(location: OutputLocation, offset: number, bytes: Uint8Array): Promise<void>;
  /** The object is complete at `size` bytes (S3: uploaded now; files: nothing to do). */
  finish(location: OutputLocation, size: number): Promise<void>;
  /** Reads up to `length` bytes from `offset`; an absent object reads as empty. */
  read(location: OutputLocation, offset: number, length: number): Promise<Uint8Array>;
  /** The object's size so far (bytes durably written), 0 when absent. */
  size(location: OutputLocation): Promise<number>;
  /** The URL StandardOutputUrl/StandardErrorUrl report for it. */
  url(location: OutputLocation): string;
  /** Whether a bucket can be written (SendCommand answers InvalidOutputFolder otherwise). */
  bucketUsable(bucket: string): Promise<boolean>;
}

/** SSM's key for one step stream (semantics §7.2): ':' is dropped from the action and step names. */
export function outputKey(
  prefix: string,
  commandId: string,
  instanceId: string,
  action: string,
  step: string,
  stream: "stdout" | "stderr",
): string {
  const parts = [prefix, commandId, instanceId, action.replaceAll(":", ""), step.replaceAll(":", ""), stream];
  return parts.filter((p) => p !== "").join("/");
}
