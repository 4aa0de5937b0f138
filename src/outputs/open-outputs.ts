import { join } from "node:path";
import { FilesystemOutputStore } from "./filesystem/filesystem-output-store.ts";
import { OutputRouter } from "./output-router.ts";
import { createS3Client, type S3Settings } from "./s3/s3-client.ts";
import { S3OutputStore } from "./s3/s3-output-store.ts";

/** What the server's output stores need. */
export interface OutputSettings {
  dataDir: string;
  /** The server's URL, known once it listens. */
  baseUrl: () => string;
  /** The S3-compatible endpoint for OutputS3BucketName; none = such commands are refused. */
  s3?: S3Settings | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Files under DATA_DIR/outputs, plus S3 (staging in DATA_DIR/outputs-staging) when configured. */
export function openOutputs(settings: OutputSettings): OutputRouter {
  const files = new FilesystemOutputStore({ root: join(settings.dataDir, "outputs"), baseUrl: settings.baseUrl });
  const s3 =
    settings.s3 === undefined
      ? undefined
      : new S3OutputStore({
          client: createS3Client(settings.s3, settings.env),
          endpoint: settings.s3.endpoint,
          forcePathStyle: settings.s3.forcePathStyle,
          stagingDir: join(settings.dataDir, "outputs-staging"),
        });
  return new OutputRouter(files, s3);
}
