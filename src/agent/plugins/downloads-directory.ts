import { isAbsolute, join, relative, resolve } from "node:path";

/** `<stateDir>/orchestration/<commandId>/downloads`: where relative download paths live (and relative working directories). */
export function downloadsDirectory(stateDir: string, commandId: string): string {
  return join(stateDir, "orchestration", commandId, "downloads");
}

/**
 * A step's path input on this node: absolute paths as they are, relative ones under the
 * command's downloads directory. Undefined for a relative path that climbs out of it.
 */
export function resolveStepPath(path: string, stateDir: string, commandId: string): string | undefined {
  if (isAbsolute(path)) return path;
  const base = downloadsDirectory(stateDir, commandId);
  const full = resolve(base, path);
  const inside = relative(base, full);
  return inside.startsWith("..") || isAbsolute(inside) ? undefined : full;
}
