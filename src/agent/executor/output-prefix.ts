import { open } from "node:fs/promises";
import { isCode } from "./process-group.ts";

/** The start of an output file plus its full size. */
export interface OutputPrefix {
  text: string;
  bytes: number;
}

/**
 * Reads the first `maxChars` UTF-16 code units of a UTF-8 file without reading the rest: at most
 * 3 bytes are needed per code unit. A character is never split (a surrogate pair is kept whole or
 * dropped). A missing file reads as empty.
 */
export async function readOutputPrefix(path: string, maxChars: number): Promise<OutputPrefix> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if (isCode(error, "ENOENT")) return { text: "", bytes: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxChars * 3 + 4));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // stream: true keeps a trailing incomplete sequence back instead of turning it into U+FFFD.
    const decoded = new TextDecoder("utf-8").decode(buffer.subarray(0, filled), { stream: filled < size });
    return { text: cutAtCodeUnits(decoded, maxChars), bytes: size };
  } finally {
    await handle.close();
  }
}

/** The first `max` code units of `text`, dropping a high surrogate whose pair would be cut off. */
export function cutAtCodeUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}
