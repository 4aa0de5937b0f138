import { SsmError } from "../protocol/errors.ts";

/**
 * Splits an output key into its path segments, refusing keys that could leave a directory when
 * used as a path: empty, `.` or `..` segments, backslashes or NUL bytes.
 */
export function keySegments(key: string): string[] {
  const segments = key.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || /[\\\0]/.test(segment)) {
      throw new SsmError("InvalidOutputFolder", `output key ${JSON.stringify(key)} has an unusable path segment`);
    }
  }
  return segments;
}

/** The key as a URL path: every segment percent-encoded, joined by `/`. */
export function keyUrlPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}
