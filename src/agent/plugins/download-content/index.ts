import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sourceDocumentKey, sourceInfoOf } from "../../../protocol/document/document-references.ts";
import { stepDirectory } from "../../executor/index.ts";
import { resolveStepPath } from "../downloads-directory.ts";
import type { Plugin, PluginContext } from "../plugin.ts";
import { pluginFailure, pluginResult } from "../plugin-results.ts";
import { httpDownload } from "./http-download.ts";

/** Default largest HTTP download: 100 MB. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;
/** How long an HTTP download may take, as the default execution timeout. */
const DOWNLOAD_TIMEOUT_MS = 3600_000;

/** Options of {@link downloadContentPlugin}. */
export interface DownloadContentOptions {
  maxBytes?: number;
}

/**
 * `aws:downloadContent`: `sourceType` HTTP (`sourceInfo.url`, redirects followed, size-limited;
 * `http:` needs `allowInsecureDownload`) or SSMDocument (`sourceInfo.name`/`version`, from the
 * documents the server attached to the invocation, written as `<name>.json` or `<name>.yaml`).
 * GitHub and S3 fail: fleetrun's agent holds no credentials for them. `destinationPath` is a
 * directory: absolute, or relative to the command's downloads directory; empty = the step directory.
 */
export function downloadContentPlugin(options: DownloadContentOptions = {}): Plugin {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  return async (inputs, ctx) => {
    const startedAt = new Date();
    const fail = (message: string) => pluginFailure(ctx, startedAt, message);
    const info = sourceInfoOf(inputs.sourceInfo);
    if (info === undefined) return fail("sourceInfo must be an object, or a JSON object written as text");
    const dir = destination(inputs.destinationPath, ctx);
    if (dir === undefined)
      return fail(`destinationPath ${String(inputs.destinationPath)} leaves the downloads directory`);
    const sourceType = inputs.sourceType;
    if (sourceType === "HTTP") {
      if (typeof info.url !== "string") return fail("sourceInfo.url is required for sourceType HTTP");
      let url: URL;
      try {
        url = new URL(info.url);
      } catch {
        return fail(`sourceInfo.url is not a URL: ${info.url}`);
      }
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]);
      const allowInsecure = info.allowInsecureDownload === true || info.allowInsecureDownload === "true";
      try {
        const got = await httpDownload(url, dir, { maxBytes, allowInsecure, signal });
        if (!got.ok) return fail(got.message);
        return pluginResult(ctx, startedAt, { status: "Success", stdout: `Content downloaded to ${got.path}\n` });
      } catch (error) {
        if (ctx.signal.aborted) return pluginResult(ctx, startedAt, { status: "Cancelled", message: "cancelled" });
        return fail(`downloading ${url.href} failed: ${(error as Error).message}`);
      }
    }
    if (sourceType === "SSMDocument") {
      const key = sourceDocumentKey(info);
      if (key === undefined) return fail("sourceInfo.name is required for sourceType SSMDocument");
      const content = ctx.documents[key];
      if (content === undefined) return fail(`document ${key} was not found`);
      const baseName = String(info.name).split("/").at(-1) ?? "document";
      const path = join(dir, `${baseName}.${isJson(content) ? "json" : "yaml"}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path, content);
      return pluginResult(ctx, startedAt, { status: "Success", stdout: `Content downloaded to ${path}\n` });
    }
    return fail(
      `sourceType ${String(sourceType)} is not supported by fleetrun's agent: use HTTP (an http(s) URL) or SSMDocument`,
    );
  };
}

/** `aws:downloadContent` with the default size limit. */
export const downloadContent: Plugin = downloadContentPlugin();

function destination(raw: unknown, ctx: PluginContext): string | undefined {
  if (typeof raw !== "string" || raw === "") return stepDirectory(ctx.stateDir, ctx.commandId, ctx.stepName);
  return resolveStepPath(raw, ctx.stateDir, ctx.commandId);
}

function isJson(content: string): boolean {
  try {
    JSON.parse(content);
    return true;
  } catch {
    return false;
  }
}
