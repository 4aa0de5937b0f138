import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";

/** Options of {@link httpDownload}. */
export interface HttpDownloadOptions {
  /** Larger bodies are refused (and nothing is left behind). */
  maxBytes: number;
  /** `http:` URLs (also after a redirect) need this, as `allowInsecureDownload` in SSM. */
  allowInsecure: boolean;
  signal: AbortSignal;
}

/** Where the body went, or why it did not. */
export type HttpDownloadResult = { ok: true; path: string; bytes: number } | { ok: false; message: string };

/** The file name a URL's last path segment gives; `download` when it gives none that is safe. */
export function fileNameOf(url: URL): string {
  const segment = url.pathname.split("/").at(-1) ?? "";
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  return name === "" || name === "." || name === ".." || /[/\\\0]/.test(name) ? "download" : name;
}

/**
 * Downloads `url` (following redirects) into `dir`, naming the file after the URL. The body is
 * streamed to a temp file and renamed into place once complete, so a failed or oversized
 * download leaves no partial file.
 */
export async function httpDownload(url: URL, dir: string, opts: HttpDownloadOptions): Promise<HttpDownloadResult> {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `only http and https URLs can be downloaded, not ${url.protocol}` };
  }
  if (url.protocol === "http:" && !opts.allowInsecure) return { ok: false, message: insecure(url) };
  const response = await fetch(url, { redirect: "follow", signal: opts.signal });
  const finalUrl = new URL(response.url || url.href);
  if (finalUrl.protocol === "http:" && !opts.allowInsecure) {
    await response.body?.cancel();
    return { ok: false, message: insecure(finalUrl) };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, message: `downloading ${url.href} failed: HTTP ${response.status} ${response.statusText}` };
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > opts.maxBytes) {
    await response.body?.cancel();
    return { ok: false, message: tooLarge(url, opts.maxBytes) };
  }
  await mkdir(dir, { recursive: true });
  const target = join(dir, fileNameOf(url));
  const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > opts.maxBytes ? new Error(tooLarge(url, opts.maxBytes)) : null, chunk);
    },
  });
  try {
    const body = response.body
      ? Readable.fromWeb(response.body as ReadableStream<Uint8Array>)
      : Readable.from([] as Buffer[]);
    await pipeline(body, limit, createWriteStream(temp, { mode: 0o644 }), { signal: opts.signal });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    if (bytes > opts.maxBytes) return { ok: false, message: tooLarge(url, opts.maxBytes) };
    throw error;
  }
  return { ok: true, path: target, bytes };
}

function insecure(url: URL): string {
  return `${url.href} is not https: set "allowInsecureDownload": true in sourceInfo to download it anyway`;
}

function tooLarge(url: URL, maxBytes: number): string {
  return `${url.href} is larger than the download limit of ${maxBytes} bytes`;
}
