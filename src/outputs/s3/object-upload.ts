import { createReadStream } from "node:fs";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";

/** Largest object one PutObject may carry. */
export const SINGLE_PUT_LIMIT = 5 * 1024 ** 3;
const MIN_PART_BYTES = 5 * 1024 ** 2;
const MAX_PARTS = 10_000;
const CONTENT_TYPE = "text/plain; charset=utf-8";

/** What to upload where. */
export interface ObjectUpload {
  client: S3Client;
  bucket: string;
  key: string;
  /** A local file holding exactly `size` bytes. */
  file: string;
  size: number;
  /** Objects larger than this go up in parts (default 5 GiB, S3's PutObject limit). */
  multipartThreshold?: number;
  /** Preferred part size (at least 5 MiB; grown so no object needs more than 10,000 parts). */
  partBytes?: number;
}

/**
 * Uploads a local file as one object, streaming it from disk (never held in memory): one
 * PutObject with its Content-Length, or a multipart upload above the threshold.
 */
export async function uploadObject(upload: ObjectUpload): Promise<void> {
  const { client, bucket, key, file, size } = upload;
  if (size <= (upload.multipartThreshold ?? SINGLE_PUT_LIMIT)) {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: createReadStream(file, { start: 0, end: size - 1 }),
        ContentLength: size,
        ContentType: CONTENT_TYPE,
      }),
    );
    return;
  }
  const partBytes = Math.max(MIN_PART_BYTES, upload.partBytes ?? 64 * 1024 ** 2, Math.ceil(size / MAX_PARTS));
  const created = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: CONTENT_TYPE }),
  );
  const uploadId = created.UploadId;
  try {
    const parts: Array<{ ETag: string; PartNumber: number }> = [];
    for (let start = 0, number = 1; start < size; start += partBytes, number += 1) {
      const end = Math.min(size, start + partBytes);
      const part = await client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: number,
          Body: createReadStream(file, { start, end: end - 1 }),
          ContentLength: end - start,
        }),
      );
      parts.push({ ETag: part.ETag ?? "", PartNumber: number });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    // The upload's own error is the one worth reporting; a failed abort leaves parts S3 expires.
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined);
    throw error;
  }
}
