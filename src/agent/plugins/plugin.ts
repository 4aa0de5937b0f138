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

/** `runCommand` may be a list or one string (several lines). */
export function commandLines(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  if (typeof value === "string") return [value];
  return [];
}
