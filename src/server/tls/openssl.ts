import { execFile } from "node:child_process";

/**
 * Runs the `openssl` command (Node has no API that creates certificates). Rejects with a message
 * that says what to install when the command is missing, and with openssl's own stderr otherwise.
 */
export function runOpenssl(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("openssl", args, { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        reject(
          new Error(
            "--tls auto needs the openssl command to create certificates: install it (apt-get install openssl)",
          ),
        );
        return;
      }
      reject(new Error(`openssl ${args[0]} failed: ${stderr.trim() || error.message}`));
    });
  });
}
