import { isIP } from "node:net";

/** Whether a server URL's host is this machine (127.0.0.0/8, ::1, localhost): plain http stays local. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (h.startsWith("::ffff:")) return isIP(h.slice(7)) === 4 && h.slice(7).startsWith("127.");
  return h === "::1";
}
