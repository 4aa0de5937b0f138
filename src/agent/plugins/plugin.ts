import type { StepResult } from "../executor/index.ts";

/** What a plugin gets besides its inputs. */
export interface PluginContext {
  stateDir: string;
  commandId: string;
  stepName: string;
  /** SSM_COMMAND_ID, AWS_SSM_INSTANCE_ID, ... plus ENV_VAR parameters. */
  env: Record<string, string>;
  signal: AbortSignal;
}

/** A step kind the agent can run (`aws:runShellScript`, ...). */
export type Plugin = (inputs: Record<string, unknown>, ctx: PluginContext) => Promise<StepResult>;

/**
 * `runCommand` may be a list or one string (several lines); a list inside the list (from
 * `["{{ commands }}"]` with a StringList parameter) is flattened, as the SSM agent does.
 */
export function commandLines(value: unknown): string[] {
  if (Array.isArray(value))
    return value.flatMap((v) =>
      Array.isArray(v) ? commandLines(v) : typeof v === "string" ? [v] : [JSON.stringify(v)],
    );
  if (typeof value === "string") return [value];
  return [];
}
