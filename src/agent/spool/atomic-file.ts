import { randomBytes } from "node:crypto";
import { open, readdir, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const TEMP_SUFFIX = ".tmp";

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Replaces `path` with `data` atomically and durably: write a temp file in the same directory,
 * fsync it, rename it over the target, fsync the directory. A crash leaves the old file or the
 * new one, never a mix; at worst a leftover temp file (see {@link removeTempFiles}).
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}

/** Renames `from` to `to` and fsyncs both directories, so the move survives a power loss. */
export async function renameDurable(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDirectory(dirname(to));
  if (dirname(from) !== dirname(to)) await fsyncDirectory(dirname(from));
}

/** Removes a file durably; false when it did not exist. */
export async function unlinkDurable(path: string): Promise<boolean> {
  try {
    await unlink(path);
  } catch (error) {
    if (isCode(error, "ENOENT")) return false;
    throw error;
  }
  await fsyncDirectory(dirname(path));
  return true;
}

/** Flushes a directory's entries (creations, renames, removals) to disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True for the temp files {@link writeFileAtomic} creates. */
export function isTempFile(name: string): boolean {
  return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
}

/** Deletes temp files a crash left in `dir` (they never became visible state); returns how many. */
export async function removeTempFiles(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!isTempFile(name)) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
