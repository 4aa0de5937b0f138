import { spawn } from "node:child_process";

/** How the reboot command ended: started the reboot (exit 0), or why not. */
export type RebootOutcome = { ok: true } | { ok: false; message: string };

const STDERR_KEPT = 2000;

/**
 * Runs the operator's reboot command (`--reboot-command`, e.g. `sudo systemctl reboot`) with
 * `sh -c` and waits for it to exit. Exit 0 means the reboot is under way.
 */
export function runRebootCommand(command: string): Promise<RebootOutcome> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    child.once("error", (error) => resolve({ ok: false, message: `could not start it: ${error.message}` }));
    child.once("close", (code, signal) => {
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, message: `it ended with ${code ?? signal}${stderr ? `: ${stderr.trim()}` : ""}` });
    });
  });
}
