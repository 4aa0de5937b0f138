import { readFileSync } from "node:fs";
import { hostname, networkInterfaces, platform, release } from "node:os";
import type { PlatformInfo } from "../protocol/agent/messages.ts";

/** The agent's version, reported as AgentVersion. */
export const AGENT_VERSION = "0.1.0";

function osRelease(): { name: string; version: string } {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    const field = (key: string) => text.match(new RegExp(`^${key}="?([^"\\n]*)"?`, "m"))?.[1];
    return { name: field("NAME") ?? "Linux", version: field("VERSION_ID") ?? release() };
  } catch {
    return { name: platform(), version: release() };
  }
}

function firstAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === "IPv4") return a.address;
  }
  return "127.0.0.1";
}

/** What this host reports about itself at registration and on every connection. */
export function platformInfo(): PlatformInfo {
  const os = osRelease();
  const p = platform();
  return {
    computerName: hostname().slice(0, 255),
    ipAddress: firstAddress(),
    platformType: p === "win32" ? "Windows" : p === "darwin" ? "MacOS" : "Linux",
    platformName: os.name.slice(0, 120),
    platformVersion: os.version.slice(0, 120),
    agentVersion: AGENT_VERSION,
  };
}
