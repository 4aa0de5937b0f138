import { access, chmod, constants, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { isCode } from "./process-group.ts";
import type { ScriptInterpreter } from "./types.ts";

/** How to write and start a script for one interpreter. */
export interface PreparedInterpreter {
  /** Script file name inside the step directory. */
  fileName: string;
  /** The argv that runs the script file at `scriptPath`. */
  argv(scriptPath: string): string[];
  /** The file's bytes. */
  content(lines: string[]): Buffer;
}

/** Message when a PowerShell step reaches a node without pwsh. */
export const PWSH_MISSING_MESSAGE = "PowerShell (pwsh) is not installed on this node";

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The interpreter for a step; undefined when it is not installed (only pwsh can be missing).
 * `searchPath` is the PATH the step will run with.
 */
export async function prepareInterpreter(
  interpreter: ScriptInterpreter,
  searchPath: string,
): Promise<PreparedInterpreter | undefined> {
  if (interpreter === "sh") {
    return {
      fileName: "_script.sh",
      // Executed directly, as the SSM agent's `sh -c <path>`: a shebang line picks the shell,
      // a script without one is run by sh.
      argv: (scriptPath) => [scriptPath],
      content: (lines) => Buffer.from(joinLines(lines), "utf8"),
    };
  }
  const pwsh = await findExecutable("pwsh", searchPath);
  if (pwsh === undefined) return undefined;
  return {
    fileName: "_script.ps1",
    argv: (scriptPath) => [pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", scriptPath],
    content: (lines) => Buffer.concat([UTF8_BOM, Buffer.from(joinLines(lines), "utf8")]),
  };
}

/** Writes the script file with mode 0700 and returns its path. */
export async function writeScript(stepDir: string, prepared: PreparedInterpreter, lines: string[]): Promise<string> {
  const path = join(stepDir, prepared.fileName);
  await writeFile(path, prepared.content(lines), { mode: 0o700 });
  await chmod(path, 0o700);
  return path;
}

function joinLines(lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

async function findExecutable(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      if (!isCode(error, "ENOENT") && !isCode(error, "EACCES") && !isCode(error, "ENOTDIR")) throw error;
    }
  }
  return undefined;
}
