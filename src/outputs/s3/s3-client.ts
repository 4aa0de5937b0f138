import { S3Client } from "@aws-sdk/client-s3";

/** Where the S3-compatible service is and how to address it. */
export interface S3Settings {
  /** e.g. `https://s3.example.com:9000`; URLs of stored objects start with it. */
  endpoint: string;
  region: string;
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint host>/<key>`. */
  forcePathStyle: boolean;
}

/**
 * An S3 client for `settings`. Credentials come from FLEETRUN_S3_ACCESS_KEY_ID and
 * FLEETRUN_S3_SECRET_ACCESS_KEY when both are set, otherwise from the default AWS chain.
 * Checksums are only sent where S3 requires them, as many S3-compatible servers refuse the
 * streaming checksum trailers the SDK would add by default.
 */
export function createS3Client(settings: S3Settings, env: NodeJS.ProcessEnv = process.env): S3Client {
  const accessKeyId = env.FLEETRUN_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.FLEETRUN_S3_SECRET_ACCESS_KEY;
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  });
}
