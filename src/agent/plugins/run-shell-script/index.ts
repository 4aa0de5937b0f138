import { scriptPlugin } from "../script-plugin.ts";

/** `aws:runShellScript`: the lines run by `sh` in the working directory, in their own process group. */
export const runShellScript = scriptPlugin("sh");
