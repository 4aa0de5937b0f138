import { downloadContent } from "./download-content/index.ts";
import type { Plugin } from "./plugin.ts";
import { runDocument } from "./run-document/index.ts";
import { runPowerShellScript } from "./run-powershell-script/index.ts";
import { runShellScript } from "./run-shell-script/index.ts";

/** Step actions this agent runs, by name. */
export const PLUGINS: Readonly<Record<string, Plugin>> = {
  "aws:runShellScript": runShellScript,
  "aws:runPowerShellScript": runPowerShellScript,
  "aws:runDocument": runDocument,
  "aws:downloadContent": downloadContent,
};
