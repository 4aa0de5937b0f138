import { scriptPlugin } from "../script-plugin.ts";

/** `aws:runPowerShellScript`: run by `pwsh`; fails with a clear message where it is not installed. */
export const runPowerShellScript = scriptPlugin("pwsh");
